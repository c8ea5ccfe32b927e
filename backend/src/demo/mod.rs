//! A demo organisation, so a new user sees a living product: an admin, two feedback owners,
//! eight employees (with passwords printed once), some topics and about thirty remarks on the
//! owner's desk (`remarks.rs`).

mod decided;
mod remarks;

use rand::seq::SliceRandom;

use crate::auth::password;
use crate::clock::to_hour;
use crate::db::{DbConn, write_transaction};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::ids::PersonId;
use crate::organisation::{self, Labels, Promise, PromiseUnit};
use crate::people::{self, Person, Roles, Status};

/// Someone the demo created, with the password to sign in with.
pub struct DemoAccount {
    pub name: String,
    pub email: String,
    pub roles: Roles,
    pub password: String,
}

const WORDS: &[&str] = &[
    "appel",
    "beuk",
    "citroen",
    "duin",
    "eland",
    "fiets",
    "gitaar",
    "haven",
    "iglo",
    "jas",
    "kastanje",
    "lantaarn",
    "molen",
    "nootmuskaat",
    "oester",
    "pruim",
    "quiche",
    "radijs",
    "sleutel",
    "tulp",
    "uil",
    "vlinder",
    "wafel",
    "yoghurt",
    "zeehond",
    "anker",
    "bever",
    "dromedaris",
    "egel",
    "framboos",
    "garnaal",
    "hazelaar",
    "inktvis",
    "koekoek",
    "lavendel",
    "mossel",
    "nachtegaal",
    "otter",
    "pelikaan",
    "rozemarijn",
    "spinazie",
    "tijm",
    "vos",
];

fn passphrase() -> String {
    let mut rng = rand::thread_rng();
    let words: Vec<&str> = WORDS.choose_multiple(&mut rng, 4).copied().collect();
    words.join("-")
}

const PEOPLE: &[(&str, &str, Roles, Lang)] = &[
    (
        "Ann Peeters",
        "admin@demo.earshot.invalid",
        Roles { employee: false, owner: false, admin: true },
        Lang::Nl,
    ),
    (
        "Sofie Claes",
        "sofie@demo.earshot.invalid",
        Roles { employee: true, owner: true, admin: false },
        Lang::Nl,
    ),
    (
        "Mehdi Benali",
        "mehdi@demo.earshot.invalid",
        Roles { employee: true, owner: true, admin: false },
        Lang::Fr,
    ),
    (
        "Jan Janssens",
        "jan@demo.earshot.invalid",
        Roles { employee: true, owner: false, admin: false },
        Lang::Nl,
    ),
    (
        "Lotte Maes",
        "lotte@demo.earshot.invalid",
        Roles { employee: true, owner: false, admin: false },
        Lang::Nl,
    ),
    (
        "Camille Dubois",
        "camille@demo.earshot.invalid",
        Roles { employee: true, owner: false, admin: false },
        Lang::Fr,
    ),
    (
        "Pieter Wouters",
        "pieter@demo.earshot.invalid",
        Roles { employee: true, owner: false, admin: false },
        Lang::Nl,
    ),
    (
        "Nora El Idrissi",
        "nora@demo.earshot.invalid",
        Roles { employee: true, owner: false, admin: false },
        Lang::Nl,
    ),
    (
        "Lucas Lambert",
        "lucas@demo.earshot.invalid",
        Roles { employee: true, owner: false, admin: false },
        Lang::Fr,
    ),
    (
        "Emma Jacobs",
        "emma@demo.earshot.invalid",
        Roles { employee: true, owner: false, admin: false },
        Lang::En,
    ),
    (
        "Tom Vermeulen",
        "tom@demo.earshot.invalid",
        Roles { employee: true, owner: false, admin: false },
        Lang::Nl,
    ),
];

const TOPICS: &[(&str, &str, &str)] = &[
    ("Bestellingen", "Commandes", "Orders"),
    ("Openingsuren", "Heures d'ouverture", "Opening hours"),
    ("Prijzen", "Prix", "Prices"),
    ("Vriendelijkheid", "Accueil", "Friendliness"),
    ("Levering", "Livraison", "Delivery"),
    ("Assortiment", "Assortiment", "Range"),
];

/// Whether anybody has an account yet (the demo goes only into an empty installation).
pub fn is_empty(conn: &mut DbConn) -> Result<bool, AppError> {
    Ok(people::all(conn)?.is_empty())
}

/// Build the demo organisation. Refused (409) when people exist already.
pub fn seed(conn: &mut DbConn, now: i64) -> Result<Vec<DemoAccount>, AppError> {
    if !is_empty(conn)? {
        return Err(AppError::conflict("not-empty"));
    }
    let accounts: Vec<(DemoAccount, Person)> = PEOPLE
        .iter()
        .map(|(name, email, roles, lang)| {
            let password = passphrase();
            let hash = password::hash(&password).map_err(|e| AppError::internal("password hash", e))?;
            let person = Person {
                id: PersonId::new(),
                email: (*email).to_owned(),
                display_name: (*name).to_owned(),
                password_hash: Some(hash),
                roles: *roles,
                language: *lang,
                status: Status::Active,
                messenger_epoch: 0,
                token_generation: 0,
                created_at: to_hour(now),
            };
            let account =
                DemoAccount { name: (*name).to_owned(), email: (*email).to_owned(), roles: *roles, password };
            Ok((account, person))
        })
        .collect::<Result<_, AppError>>()?;
    write_transaction(conn, |c| {
        let mut org = organisation::load(c)?;
        org.name = "Bakkerij De Gouden Korst".to_owned();
        org.sender_address = "earshot@demo.earshot.invalid".to_owned();
        org.promise = Promise { value: 48, unit: PromiseUnit::Hours };
        organisation::save(c, &org, now)?;
        let mut topics = Vec::new();
        for (nl, fr, en) in TOPICS {
            let labels = Labels { nl: (*nl).into(), fr: (*fr).into(), en: (*en).into() };
            topics.push(organisation::insert_topic(c, &labels)?.id);
        }
        for (_, person) in &accounts {
            people::insert(c, person)?;
        }
        // The first feedback owner (Sofie) answered the ones answered already.
        let owner = accounts.iter().find(|(_, p)| p.roles.owner).map(|(_, p)| p.id.clone());
        if let Some(owner) = owner {
            remarks::seed(c, &org, &topics, &owner, now)?;
        }
        Ok::<_, AppError>(())
    })?;
    Ok(accounts.into_iter().map(|(a, _)| a).collect())
}
