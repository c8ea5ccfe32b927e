//! The scripted workload the anonymity audit runs before it collects the evidence: ten
//! employees invited by mail, captures interleaved with refreshes, one phone's offline batch of
//! ten sent at once, the owner's questions and the messengers' answers, first answers and a
//! decision, sign-ins by link, a
//! password reset, a key rotation while people capture, a purge of expired tokens a month later,
//! sign-outs. The clock is off the hour and moves by odd seconds, so an exact instant kept
//! anywhere shows as a time of day.

use std::collections::HashSet;

use diesel::prelude::*;
use rand::Rng;
use rand::seq::SliceRandom;
use serde_json::{Value, json};

use super::evidence::{RemarkMarks, UserMarks};
use crate::helpers::{Browser, Received, TestApp, TestDb};
use earshot::clock::Clock;
use earshot::people::Role;

pub struct Workload {
    pub app: TestApp,
    /// Everyone with an account (admin, owner, employees).
    pub people: Vec<UserMarks>,
    pub remarks: Vec<RemarkMarks>,
    /// For each remark, the index in `people` of who brought it in.
    pub reporters: Vec<usize>,
    /// People who act on remarks as feedback owners (named on what they do; they bring nothing in).
    pub acting: Vec<usize>,
    /// Mail message ids already used by the script.
    used: HashSet<String>,
    tag: String,
}

pub struct Signed {
    pub person: usize,
    pub browser: Browser,
}

const PASSWORD: &str = "orchard lantern pebble ninety";

impl Workload {
    pub async fn start(db: TestDb, smtp: bool) -> Self {
        let app = TestApp::on_db(db).smtp_if(smtp).tweak(super::many_people_one_address).start().await;
        // Off the hour, so that an exact instant kept anywhere is a visible time of day.
        app.advance(23 * 60 + 17);
        let tag = uuid::Uuid::new_v4().simple().to_string()[..6].to_owned();
        Self {
            app,
            people: Vec::new(),
            remarks: Vec::new(),
            reporters: Vec::new(),
            acting: Vec::new(),
            used: HashSet::new(),
            tag,
        }
    }

    fn email(&self, first: &str) -> String {
        format!("{}.{}@example.be", first.to_lowercase(), self.tag)
    }

    /// Every mail so far, raw: the SMTP sink's and the .eml files.
    pub fn raw_mails(&self) -> Vec<(String, Vec<u8>)> {
        let mut dirs = vec![self.app.settings.data_dir.join("mail")];
        if let Some(sink) = &self.app.smtp {
            dirs.push(sink.dir().to_path_buf());
        }
        let mut out = Vec::new();
        for dir in dirs {
            let Ok(entries) = std::fs::read_dir(&dir) else { continue };
            for entry in entries.filter_map(Result::ok) {
                let path = entry.path();
                if path.extension().is_some_and(|x| x == "eml") {
                    out.push((path.display().to_string(), std::fs::read(&path).expect("read mail")));
                }
            }
        }
        out
    }

    /// The newest not yet used mail to `email` (waits for it).
    async fn mail_to(&mut self, email: &str) -> Received {
        let found = crate::helpers::wait_until(15, || {
            self.raw_mails()
                .iter()
                .map(|(_, bytes)| Received::parse(bytes))
                .find(|m| m.to == email && !self.used.contains(&m.message_id))
        })
        .await
        .unwrap_or_else(|| panic!("no mail to {email}"));
        self.used.insert(found.message_id.clone());
        found
    }

    /// The admin, straight into the database (as `earshot create-admin` would), signed in.
    pub async fn admin(&mut self) -> Signed {
        let email = self.email("Greet");
        let person = self.app.add_person(&email, &[Role::Admin], PASSWORD);
        let browser = self.app.browser().await;
        assert_eq!(browser.sign_in(&email, PASSWORD).await.status(), 200);
        self.people.push(UserMarks {
            id: person.id.as_str().parse().expect("uuid"),
            email,
            name: person.display_name,
            secrets: Default::default(),
        });
        Signed { person: self.people.len() - 1, browser }
    }

    /// Invite by mail and accept the invitation in a new browser.
    pub async fn invite(&mut self, admin: &Signed, first: &str, roles: &[&str], language: &str) -> Signed {
        let email = self.email(first);
        let name = format!("{first} Tester{}", self.tag);
        let res = admin
            .browser
            .post(
                "/api/v1/people",
                &json!({"email": email, "name": name, "roles": roles, "language": language}),
            )
            .await;
        assert_eq!(res.status(), 201, "invite {email}");
        let created: Value = res.json().await.expect("person");
        let token = self.mail_to(&email).await.token();
        let browser = self.app.browser().await;
        let res =
            browser.post("/api/v1/invitations/accept", &json!({"token": token, "password": PASSWORD})).await;
        assert_eq!(res.status(), 200, "accept {email}");
        self.people.push(UserMarks {
            id: created["id"].as_str().expect("id").parse().expect("uuid"),
            email,
            name,
            secrets: Default::default(),
        });
        Signed { person: self.people.len() - 1, browser }
    }

    /// A second device signed in by a mailed link.
    pub async fn sign_in_by_link(&mut self, person: usize) -> Signed {
        let email = self.people[person].email.clone();
        let browser = self.app.browser().await;
        assert_eq!(browser.post("/api/v1/session/link", &json!({"email": email})).await.status(), 202);
        let token = self.mail_to(&email).await.token();
        assert_eq!(browser.post("/api/v1/session/link/redeem", &json!({"token": token})).await.status(), 200);
        Signed { person, browser }
    }

    pub async fn sign_in(&mut self, person: usize, password: &str) -> Signed {
        let browser = self.app.browser().await;
        assert_eq!(browser.sign_in(&self.people[person].email, password).await.status(), 200);
        Signed { person, browser }
    }

    /// A password reset through the mailed link; the resetting browser is signed in.
    pub async fn reset_password(&mut self, person: usize, new_password: &str) -> Signed {
        let email = self.people[person].email.clone();
        let browser = self.app.browser().await;
        assert_eq!(browser.post("/api/v1/password-reset", &json!({"email": email})).await.status(), 202);
        let token = self.mail_to(&email).await.token();
        let res = browser
            .post("/api/v1/password-reset/complete", &json!({"token": token, "password": new_password}))
            .await;
        assert_eq!(res.status(), 200);
        Signed { person, browser }
    }

    /// A new remark's body and its marks (unique facts, a customer with contact details).
    fn new_remark(&mut self, reporter: usize) -> (Value, usize) {
        let id = uuid::Uuid::new_v4();
        let n = self.remarks.len();
        let facts = format!("Feit {n} {}: de levering kwam te laat", self.tag);
        let mut rng = rand::thread_rng();
        let places = ["party", "school", "sports_club", "hairdresser", "shop", "family", "other"];
        let feelings = ["very_frustrated", "frustrated", "neutral", "pleased", "delighted"];
        let language = ["nl", "fr", "en"][n % 3];
        let feeling = feelings[rng.gen_range(0..feelings.len())];
        let place = places[rng.gen_range(0..places.len())];
        let body = json!({
            "id": id.to_string(),
            "customer": {
                "name": format!("Klant {n}"),
                "email": format!("klant{n}@example.org"),
                "phone": "+32475123456",
                "consent": true,
                "language": language
            },
            "facts": facts,
            "feeling": {"level": feeling, "words": "nogal boos"},
            "place": {"kind": place, "detail": "aan de kassa"}
        });
        self.remarks.push(RemarkMarks { id, facts });
        self.reporters.push(reporter);
        (body, n)
    }

    pub async fn capture(&mut self, who: &Signed) -> usize {
        // As the app does when its access token has expired (a refresh writes nothing).
        who.browser.refresh().await;
        let (body, n) = self.new_remark(who.person);
        let res = who.browser.post("/api/v1/remarks", &body).await;
        assert_eq!(res.status(), 201, "capture");
        n
    }

    /// One phone's offline batch: all sent at the same moment, concurrently.
    pub async fn offline_batch(&mut self, who: &Signed, count: usize) {
        who.browser.refresh().await;
        let mut tasks = tokio::task::JoinSet::new();
        for _ in 0..count {
            let (body, _) = self.new_remark(who.person);
            let request = who
                .browser
                .client
                .post(who.browser.url("/api/v1/remarks"))
                .header("x-csrf-token", &who.browser.csrf)
                .json(&body);
            tasks.spawn(async move { request.send().await.expect("send").status().as_u16() });
        }
        while let Some(status) = tasks.join_next().await {
            assert_eq!(status.expect("task"), 201, "batch capture");
        }
    }

    /// The owner asks about a remark; its messenger sees it waiting and answers.
    pub async fn question_and_answer(&mut self, owner: &Signed, remark: usize, messenger: &Signed) {
        let id = self.remarks[remark].id;
        owner.browser.refresh().await;
        messenger.browser.refresh().await;
        let res = owner
            .browser
            .post(&format!("/api/v1/remarks/{id}/questions"), &json!({"text": "Welke dag was dat?"}))
            .await;
        assert_eq!(res.status(), 201);
        let mine: Value = messenger.browser.get("/api/v1/my-remarks").await.json().await.expect("mine");
        assert!(mine["waiting"].as_u64().unwrap_or(0) >= 1, "the question waits for its messenger");
        let res = messenger
            .browser
            .post(
                "/api/v1/my-remarks/actions",
                &json!({"remark_id": id.to_string(), "action": "answer", "text": "Op dinsdag"}),
            )
            .await;
        assert_eq!(res.status(), 200);
    }

    /// The owner acknowledges a remark: by mail (its customer consented), or asking its
    /// messenger to pass it on, who then says they did.
    pub async fn first_answer(&mut self, owner: &Signed, remark: usize, messenger: &Signed, pass_on: bool) {
        let id = self.remarks[remark].id;
        owner.browser.refresh().await;
        messenger.browser.refresh().await;
        let view: Value =
            owner.browser.get(&format!("/api/v1/desk/remarks/{id}")).await.json().await.expect("desk");
        let promised = chrono::DateTime::from_timestamp(self.app.clock.now() + 5 * 86_400, 0)
            .expect("day")
            .format("%Y-%m-%d")
            .to_string();
        let channel = if pass_on { "pass_on" } else { "auto" };
        let res = owner
            .browser
            .post(
                "/api/v1/desk/acknowledgements",
                &json!({"remarks": [{"id": id.to_string(), "version": view["version"]}], "promised_on": promised,
                    "text": "We begrijpen dat u boos was.", "channel": channel}),
            )
            .await;
        assert_eq!(res.status(), 200, "acknowledged");
        if pass_on {
            let told = json!({"remark_id": id.to_string(), "action": "passed_on"});
            assert_eq!(messenger.browser.post("/api/v1/my-remarks/actions", &told).await.status(), 200);
        }
    }

    /// The owner groups remarks into a case and decides it ("no action for now", in each of its
    /// customers' languages): each customer (all consented) hears it by mail.
    pub async fn decide(&mut self, owner: &Signed, remarks: &[usize]) {
        owner.browser.refresh().await;
        let ids: Vec<String> = remarks.iter().map(|r| self.remarks[*r].id.to_string()).collect();
        let res =
            owner.browser.post("/api/v1/desk/cases", &json!({"title": "Brood op", "remarks": ids})).await;
        assert_eq!(res.status(), 201, "a case");
        let case: Value = res.json().await.expect("case");
        let seen: Vec<Value> = case["remarks"]
            .as_array()
            .expect("remarks")
            .iter()
            .map(|i| json!({"id": i["remark"]["id"], "version": i["version"]}))
            .collect();
        let texts: Vec<Value> = case["languages"]
            .as_array()
            .expect("languages")
            .iter()
            .map(|l| json!({"language": l, "outcome": "De oven is te klein voor meer brood, en een tweede past er niet."}))
            .collect();
        let url = format!("/api/v1/desk/cases/{}/decision", case["id"].as_str().expect("id"));
        let body = json!({"version": case["version"], "remarks": seen, "kind": "no_action", "texts": texts});
        assert_eq!(owner.browser.post(&url, &body).await.status(), 200, "decided");
    }

    /// Move the clock by an odd number of seconds (never back onto the hour).
    pub fn tick(&self, minutes: i64) {
        self.app.advance(minutes * 60 + rand::thread_rng().gen_range(1..59));
    }

    /// Remember every token and password hash that names someone now.
    pub fn note_secrets(&mut self) {
        super::evidence::note_secrets(&self.app.db, &mut self.people);
    }

    /// The whole script. Returns after the last step; the app still runs.
    pub async fn run(&mut self) {
        let admin = self.admin().await;
        let mut owner = self.invite(&admin, "Sofie", &["owner", "employee"], "nl").await;
        let names = ["Jan", "Lotte", "Camille", "Emma", "Pieter", "Nele", "Thomas", "Ines", "Wout", "Amira"];
        let mut staff = Vec::new();
        for (i, first) in names.iter().enumerate() {
            staff.push(self.invite(&admin, first, &["employee"], ["nl", "fr", "en"][i % 3]).await);
            self.tick(0);
        }
        self.note_secrets();
        // A few second devices by mailed link.
        let mut phones = Vec::new();
        for &i in &[1, 4, 7] {
            phones.push(self.sign_in_by_link(staff[i].person).await);
            self.tick(3);
        }
        self.note_secrets();

        // Captures interleaved across people, refreshing every quarter of an hour.
        let mut rng = rand::thread_rng();
        for round in 0..48 {
            let who = rng.gen_range(0..staff.len());
            self.capture(&staff[who]).await;
            self.tick(2);
            if round % 6 == 5 {
                self.tick(14);
                for s in staff.iter().chain(phones.iter()).chain([&owner, &admin]) {
                    s.browser.refresh().await;
                }
            }
        }
        // One phone comes back online with ten remarks at once.
        self.offline_batch(&phones[0], 10).await;
        self.tick(5);

        // The hour ends: what was held is released.
        self.tick(60);
        for s in staff.iter().chain(phones.iter()).chain([&owner, &admin]) {
            s.browser.refresh().await;
        }
        self.app.release_now();

        // The owner asks about six remarks; their messengers answer.
        let mut asked: Vec<usize> = (0..self.remarks.len()).collect();
        asked.shuffle(&mut rng);
        for &remark in asked.iter().take(6) {
            let reporter = self.reporters[remark];
            let messenger =
                staff.iter().chain(phones.iter()).find(|s| s.person == reporter).expect("signed in");
            let messenger = Signed { person: messenger.person, browser: messenger.browser.clone() };
            self.question_and_answer(&owner, remark, &messenger).await;
            self.tick(1);
        }
        // The owner answers four customers first: two by mail, two passed on by their messengers.
        self.acting.push(owner.person);
        for (k, &remark) in asked.iter().skip(6).take(4).enumerate() {
            let reporter = self.reporters[remark];
            let messenger =
                staff.iter().chain(phones.iter()).find(|s| s.person == reporter).expect("signed in");
            self.first_answer(&owner, remark, messenger, k >= 2).await;
            self.tick(1);
        }
        // The owner decides three more together, as a case: each customer is mailed.
        let decided: Vec<usize> = asked.iter().skip(10).take(3).copied().collect();
        self.decide(&owner, &decided).await;
        self.tick(1);

        // A password reset, then more captures by that person and others.
        let reset_person = staff[3].person;
        staff[3] = self.reset_password(reset_person, "violet harbour ticket eleven").await;
        self.note_secrets();
        for who in [3, 0, 3, 8] {
            self.capture(&staff[who]).await;
            self.tick(1);
        }

        // Key rotation while two people keep capturing.
        let db = earshot::db::Db::open(&self.app.db.url, 2).expect("db");
        let key_dir = self.app.settings.key_dir.clone();
        let rotation = tokio::task::spawn_blocking(move || {
            earshot::messenger::rotation::rotate(&db, &key_dir, std::time::Duration::from_millis(1500))
        });
        while !rotation.is_finished() {
            self.capture(&staff[5]).await;
            self.capture(&staff[6]).await;
            tokio::time::sleep(std::time::Duration::from_millis(250)).await;
        }
        rotation.await.expect("task").expect("rotation");

        // A month later: the expired tokens are purged (what the hourly housekeeping does), and
        // people sign in again and capture.
        self.tick(31 * 24 * 60);
        let now = self.app.clock.now();
        {
            let mut conn = self.app.db.connect();
            earshot::jobs::housekeeping::purge_expired(&mut conn, now).expect("purge");
        }
        for i in [2, 9] {
            staff[i] = self.sign_in(staff[i].person, PASSWORD).await;
            self.capture(&staff[i]).await;
            self.tick(1);
        }
        owner = self.sign_in(owner.person, PASSWORD).await;
        assert_eq!(owner.browser.get("/api/v1/remarks").await.status(), 200);
        self.note_secrets();
        // Two people sign out.
        for i in [2, 9] {
            let res = staff[i].browser.send(reqwest::Method::DELETE, "/api/v1/session", None).await;
            assert_eq!(res.status(), 204, "sign-out");
        }
        // Everything still held is released.
        self.app.release_now();
        // Wait until every mail left the outbox.
        let outbox_empty = crate::helpers::wait_until(15, || {
            use earshot::db::schema::mail_outbox;
            let mut conn = self.app.db.connect();
            let queued: i64 = mail_outbox::table
                .filter(mail_outbox::status.eq(earshot::mail::worker::PENDING))
                .count()
                .get_result(&mut conn)
                .expect("count");
            (queued == 0).then_some(())
        })
        .await;
        assert!(outbox_empty.is_some(), "every mail was sent");
    }
}
