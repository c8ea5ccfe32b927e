// The PWA is embedded at compile time (rust-embed); rebuild when its output changes so the
// binary never serves a stale front end. Without a build (no Node), watch pwa/ so that the
// first `npm run build` is picked up.
fn main() {
    if std::path::Path::new("pwa/dist").exists() {
        println!("cargo:rerun-if-changed=pwa/dist");
    } else {
        println!("cargo:rerun-if-changed=pwa");
    }
    println!("cargo:rerun-if-changed=migrations");
    println!("cargo:rerun-if-changed=backend/locales");
}
