//! A browser: its own cookies, the CSRF header, signing in.

/// The password [`TestApp::signed_in`] people have.
pub const PASSWORD: &str = "lamp cactus orbit meadow";

/// A browser: its own cookie jar, the CSRF header on every state-changing request. A clone is
/// another tab of the same browser.
#[derive(Clone)]
pub struct Browser {
    base: String,
    pub client: reqwest::Client,
    pub csrf: String,
}

impl Browser {
    pub async fn open(base: &str) -> Self {
        let client = reqwest::Client::builder()
            .cookie_store(true)
            // Below the server's 5 s keep-alive, so a pooled connection is never one it just closed.
            .pool_idle_timeout(std::time::Duration::from_secs(2))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        let res = client.get(format!("{base}/api/v1/session/csrf")).send().await.expect("csrf");
        assert_eq!(res.status(), 200);
        let csrf =
            res.json::<serde_json::Value>().await.expect("json")["token"].as_str().expect("token").to_owned();
        Self { base: base.to_owned(), client, csrf }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<&serde_json::Value>,
    ) -> reqwest::Response {
        let mut req =
            self.client.request(method, format!("{}{path}", self.base)).header("x-csrf-token", &self.csrf);
        if let Some(body) = body {
            req = req.json(body);
        }
        req.send().await.expect("request")
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.send(reqwest::Method::GET, path, None).await
    }

    pub async fn post(&self, path: &str, body: &serde_json::Value) -> reqwest::Response {
        self.send(reqwest::Method::POST, path, Some(body)).await
    }

    /// A fresh access token (after a test moved the clock past its 15 minutes).
    pub async fn refresh(&self) {
        let res = self.post("/api/v1/session/refresh", &serde_json::json!({})).await;
        assert_eq!(res.status(), 204, "refresh");
    }

    pub async fn sign_in(&self, email: &str, password: &str) -> reqwest::Response {
        self.post("/api/v1/session", &serde_json::json!({"email": email, "password": password})).await
    }
}
