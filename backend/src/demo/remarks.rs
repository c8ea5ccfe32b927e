//! The demo's remarks: about thirty, in Dutch, French and English, across places, feelings and
//! days — some answered by mail, one passed on, one by phone, some late, two decided
//! (`decided.rs`) — so a newcomer sees
//! the desk alive. They have no messenger (nobody's "my remarks" lists them): a demo must not
//! pretend to know who heard what.

use chrono::Days;
use diesel::prelude::*;

use crate::clock::to_hour;
use crate::db::DbConn;
use crate::db::schema::remarks;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::ids::{PersonId, TopicId};
use crate::organisation::Organisation;
use crate::remarks::{Feeling, PlaceKind, Remark, RemarkState, search};
use crate::triage::acknowledge::{Given, Reached};
use crate::triage::draft::{Message, feeling_text};

use Feeling::{Delighted, Frustrated, Neutral, Pleased, VeryFrustrated};
use PlaceKind::{Family, Hairdresser, Other, Party, School, Shop, SportsClub};

/// How the demo answered a remark (if it did).
#[derive(Clone, Copy, PartialEq)]
enum Answered {
    No,
    Mail,
    PassOn,
    Phone,
}

struct Seed {
    lang: Lang,
    name: &'static str,
    email: Option<&'static str>,
    phone: Option<&'static str>,
    facts: &'static str,
    feeling: Feeling,
    words: &'static str,
    place: PlaceKind,
    /// Hours before now that it came in.
    hours_ago: i64,
    topic: Option<usize>,
    answered: Answered,
}

const fn s(
    lang: Lang,
    name: &'static str,
    facts: &'static str,
    (feeling, words): (Feeling, &'static str),
    place: PlaceKind,
    hours_ago: i64,
) -> Seed {
    Seed {
        lang,
        name,
        email: None,
        phone: None,
        facts,
        feeling,
        words,
        place,
        hours_ago,
        topic: None,
        answered: Answered::No,
    }
}

const fn mail(mut seed: Seed, email: &'static str) -> Seed {
    seed.email = Some(email);
    seed
}

const fn topic(mut seed: Seed, topic: usize) -> Seed {
    seed.topic = Some(topic);
    seed
}

const fn answered(mut seed: Seed, how: Answered) -> Seed {
    seed.answered = how;
    seed
}

const fn phone(mut seed: Seed, phone: &'static str) -> Seed {
    seed.phone = Some(phone);
    seed
}

use Lang::{En, Fr, Nl};

/// Topics by their place in the demo's list: 0 orders, 1 opening hours, 2 prices, 3 friendliness,
/// 4 delivery, 5 range.
#[rustfmt::skip]
const SEEDS: &[Seed] = &[
    topic(mail(s(Nl, "Mevrouw Claes", "De taarten voor het communiefeest kwamen een uur te laat.", (VeryFrustrated, "ik stond daar met dertig gasten en niets op tafel"), School, 60), "an.claes@example.be"), 4),
    topic(s(Nl, "Meneer Wouters", "Het brood is op zaterdag om tien uur al op.", (Frustrated, "telkens voor niets naar de winkel"), SportsClub, 52), 5),
    mail(s(Fr, "Madame Dubois", "Les croissants du dimanche étaient brûlés, deux semaines de suite.", (Frustrated, "déçue, vraiment"), Party, 50), "claire.dubois@example.be"),
    s(En, "Mr Smith", "Could not find anything without nuts for his daughter.", (Neutral, "a bit lost"), School, 47),
    topic(mail(s(Nl, "Familie Peeters", "De verjaardagstaart was prachtig en iedereen vond ze lekker.", (Delighted, "de kinderen waren in de wolken"), Family, 45), "peeters.gezin@example.be"), 0),
    topic(s(Nl, "Karel", "Vindt de prijs van het speltbrood te hoog vergeleken met vorig jaar.", (Frustrated, ""), Hairdresser, 40), 2),
    topic(mail(s(Fr, "Monsieur Lambert", "On lui a répondu sèchement au téléphone pour une commande.", (VeryFrustrated, "traité comme un numéro"), Party, 38), "lambert.m@example.be"), 3),
    s(Nl, "Buurvrouw Ria", "Mist de rozijnenkoeken sinds ze niet meer op maandag gebakken worden.", (Neutral, "jammer"), Other, 36),
    mail(s(En, "Sarah Jones", "The staff were lovely when her toddler knocked over the display.", (Delighted, "so kind, she will be back"), Shop, 33), "sarah.jones@example.com"),
    topic(s(Nl, "Meester Tom", "De school wil graag een vaste bestelling voor het schoolfeest.", (Pleased, ""), School, 30), 0),
    topic(mail(s(Fr, "Madame Maes", "La livraison à domicile n'arrive jamais avant midi.", (Frustrated, "impossible d'organiser le petit-déjeuner"), SportsClub, 28), "maes.sophie@example.be"), 4),
    s(Nl, "Opa Jef", "Kan het etiket met de allergenen niet lezen, de letters zijn te klein.", (Frustrated, "ik heb een vergrootglas nodig"), Family, 26),
    phone(answered(s(Nl, "Mevrouw Janssens", "De bestelde taart had de verkeerde naam erop.", (VeryFrustrated, "op het feest van mijn dochter!"), Party, 70), Answered::Phone), "0475123456"),
    answered(mail(s(Nl, "Meneer De Smet", "De winkel was dicht op een dag dat de site zei dat hij open was.", (Frustrated, "voor een gesloten deur gestaan"), Hairdresser, 80), "desmet@example.be"), Answered::Mail),
    answered(s(Fr, "Julie", "Aimerait des pains sans gluten plus souvent.", (Neutral, ""), School, 75), Answered::PassOn),
    answered(mail(s(En, "Mr Brown", "The sourdough has been excellent lately.", (Pleased, "best in town"), Shop, 65), "brown@example.co.uk"), Answered::Mail),
    topic(s(Nl, "Leen", "De parking voor de winkel is altijd vol in de ochtend.", (Neutral, ""), Other, 22), 1),
    mail(s(Nl, "Meneer Hermans", "Zijn vrouw kreeg het verkeerde wisselgeld terug.", (Frustrated, "niet de eerste keer"), Family, 20), "hermans@example.be"),
    s(Fr, "Madame Leroy", "Les éclairs au café sont les meilleurs de la région.", (Delighted, "un délice"), Hairdresser, 18),
    topic(s(En, "Tom", "Would like to order online instead of calling.", (Neutral, "calling is a hassle"), SportsClub, 16), 0),
    s(Nl, "Juf Annelies", "De koffiekoeken voor de klasuitstap waren perfect op tijd.", (Pleased, "heel tevreden"), School, 14),
    topic(s(Nl, "Meneer Van Damme", "Het nieuwe openingsuur op zondag (9 uur) is te laat.", (Frustrated, "vroeger kon ik om 7 uur terecht"), SportsClub, 12), 1),
    mail(s(Fr, "Nadia", "Le pain aux graines a changé de recette et il est moins bon.", (Neutral, "dommage"), Shop, 10), "nadia.b@example.be"),
    s(Nl, "Tante Marleen", "De vriendelijke bediening op zaterdag valt op.", (Delighted, ""), Family, 9),
    topic(s(Nl, "Stefaan", "Wacht al twee weken op antwoord over een bestelling voor een communie.", (VeryFrustrated, "niemand belt terug"), Party, 8), 0),
    s(En, "Emily", "The bakery smells wonderful from the street.", (Pleased, ""), Other, 6),
    topic(mail(s(Nl, "Mevrouw Goossens", "De prijzen zijn niet aangeduid bij de taartjes.", (Frustrated, "je weet pas aan de kassa wat je betaalt"), Hairdresser, 5), "goossens@example.be"), 2),
    s(Fr, "Monsieur Petit", "Voudrait une carte de fidélité.", (Neutral, ""), SportsClub, 4),
    s(Nl, "Buurman Ward", "De muziek in de winkel staat te luid.", (Neutral, "ik ga er sneller buiten"), Shop, 3),
    mail(s(Nl, "Familie Aerts", "De glutenvrije taart voor oma was een groot succes.", (Delighted, "oma heeft gehuild van blijdschap"), Family, 2), "aerts@example.be"),
    // The bread: Meneer Wouters (above) and Madame Lemaire are a case already; Mevrouw
    // Verhoeven is not yet — the desk suggests it.
    topic(mail(s(Fr, "Madame Lemaire", "Plus de pain le samedi à dix heures, même pas une baguette.", (Frustrated, "je suis venue pour rien"), Shop, 11), "lemaire@example.be"), 5),
    topic(s(Nl, "Mevrouw Verhoeven", "Om tien uur was er op zaterdag geen brood meer, ook geen stokbrood.", (Frustrated, "weer geen brood"), Shop, 7), 5),
];

/// The demo's case: these remarks (by their place in [`SEEDS`]), with this title and topic.
const CASE: (&str, usize, [usize; 2]) = ("Zaterdag om tien uur is het brood op", 5, [1, 30]);

/// Put the demo's remarks in: released, each with its promise, some answered by `owner`.
pub fn seed(
    conn: &mut DbConn,
    org: &Organisation,
    topics: &[TopicId],
    owner: &PersonId,
    now: i64,
) -> Result<usize, AppError> {
    let mut ids = Vec::with_capacity(SEEDS.len());
    for seed in SEEDS {
        let created_at = to_hour(now) - seed.hours_ago * 3600;
        let heard = org
            .day_of(created_at)
            .checked_sub_days(Days::new(u64::try_from(seed.hours_ago % 3).unwrap_or(0)));
        let mut remark = Remark {
            customer_email: seed.email.map(str::to_owned),
            customer_phone: seed.phone.map(str::to_owned),
            contact_consent: seed.email.is_some() || seed.phone.is_some(),
            feeling_words: seed.words.into(),
            place_kind: seed.place,
            place_detail: if seed.place == Other { "in de buurt".into() } else { String::new() },
            heard_on: heard.unwrap_or_else(|| org.day_of(created_at)).format("%Y-%m-%d").to_string(),
            topic_id: seed.topic.and_then(|i| topics.get(i).cloned()),
            created_at,
            ..Remark::of_customer(seed.name, seed.lang, seed.facts, seed.feeling)
        };
        crate::triage::store::stamp(&mut remark, org);
        let how = match seed.answered {
            Answered::No => None,
            Answered::Mail => Some(Reached::Mail),
            Answered::PassOn => Some(Reached::PassOn),
            Answered::Phone => Some(Reached::Phone),
        };
        // An answer given a day after it came in, naming a day a week later.
        let acted_at = created_at + 24 * 3600;
        let promised_on = org.day_of(acted_at) + Days::new(7);
        if let Some(how) = how {
            remark.status = if how == Reached::PassOn {
                RemarkState::WaitingForPassOn
            } else {
                RemarkState::Acknowledged
            };
            remark.due_at = org.end_of_day(promised_on);
            remark.urgency_key = crate::triage::urgency::key(remark.due_at, remark.feeling);
            remark.version = 2;
        }
        diesel::insert_into(remarks::table).values(&remark).execute(conn)?;
        search::index(conn, &remark)?;
        crate::cases::terms::index(conn, &remark)?;
        ids.push(remark.id.clone());
        if let Some(how) = how {
            let answered_late = org.due(created_at) <= acted_at;
            let body =
                Message::compose(seed.lang, answered_late, &feeling_text(&remark), &[&remark], promised_on)
                    .plain();
            let given = Given {
                how,
                owner,
                at: acted_at,
                promised_on: Some(promised_on),
                body,
                late: answered_late,
                decision: None,
                seq: remark.version,
                news: None,
            };
            let note = (how == Reached::Phone).then_some("Gebeld; ze was blij dat we belden.");
            crate::triage::acknowledge::record(conn, org, &remark, &given, note)?;
        }
    }
    let (title, topic, members) = CASE;
    let members: Vec<_> = members.iter().filter_map(|i| ids.get(*i).cloned()).collect();
    let case = crate::cases::store::create(conn, title, topics.get(topic), now - 6 * 3600)?;
    crate::cases::store::join(conn, &case.id, &members)?;
    crate::cases::store::relead(conn, &case.id)?;
    let made = crate::cases::history::Event {
        kind: crate::cases::history::EventKind::Created,
        by: owner,
        now: now - 6 * 3600,
        remarks: members.len(),
        other: None,
    };
    crate::cases::history::record(conn, &case.id, &made)?;
    for &(i, kind, lang, words) in super::decided::DECIDED {
        if let Some(id) = ids.get(i) {
            super::decided::decide(conn, org, owner, now, (id, kind, lang, words))?;
        }
    }
    Ok(SEEDS.len())
}
