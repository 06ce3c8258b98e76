//! The admin pages in a real browser: an admin signs in, follows the
//! overview to a message that really failed (its SMTP server was not
//! there), reads its attempt log and sends it again once the server is up;
//! then adds a colleague in German. The pages pass axe in English, German
//! and Arabic and fit a phone.

use super::Browser;
use crate::helpers::{Backend, PASSWORD};
use crate::pages_admin::{app_with_dead_smtp, failed_messages};
use crate::smtp::SmtpSink;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_sends_a_failed_message_again_and_adds_a_colleague() {
    let (app, port) = app_with_dead_smtp(Backend::Sqlite).await;
    let ids = failed_messages(&app, &["ana@customer.example"]).await;
    let email = "ada@example.com";
    app.add_staff(email, "admin").await;

    let b = Browser::start(&app.address).await;
    b.goto("/login?lang=en").await;
    b.fill("E-mail address", email).await;
    b.fill("Password", PASSWORD).await;
    b.click("Sign in").await;
    assert_eq!(b.path().await, "/admin");
    assert!(
        b.page_text()
            .await
            .contains("One message could not be delivered")
    );
    b.inspect("admin-overview", "en").await;

    b.click("Review failed messages").await;
    assert_eq!(b.path().await, "/admin/outbox?status=failed");
    let table = b.text("table.outbox").await;
    assert!(table.contains("ana@customer.example"), "{table}");
    assert!(table.contains("Failed"), "{table}");
    b.inspect("admin-outbox", "en").await;

    let link = b.find("table.outbox tbody a").await;
    b.click_element(link, "the failed message").await;
    assert_eq!(b.path().await, format!("/admin/outbox/{}", ids[0]));
    assert_eq!(b.text("#message-status").await, "Failed");
    let attempts = b.find_all("table.attempts tbody tr").await;
    assert_eq!(attempts.len(), 12, "every attempt is in the log");
    b.inspect("admin-message", "en").await;

    let sink = SmtpSink::start_on(port).await;
    b.click("Send again").await;
    assert!(
        b.page_text()
            .await
            .contains("The message will be sent again in a moment.")
    );
    assert_eq!(b.text("#message-status").await, "Pending");
    assert_eq!(app.deliver().await.sent, 1);
    assert!(
        sink.received()
            .iter()
            .any(|m| m.rcpt_to.iter().any(|t| t == "ana@customer.example")),
        "the customer's mail arrived"
    );
    b.goto(&format!("/admin/outbox/{}", ids[0])).await;
    assert_eq!(b.text("#message-status").await, "Sent");

    // A colleague added in German, who can then sign in.
    b.goto("/admin/users?lang=de").await;
    assert!(b.text("h1").await.contains("Mitarbeitende"));
    b.inspect("admin-users", "de").await;
    b.fill("Vollständiger Name", "Jonas Weber").await;
    b.fill("E-Mail-Adresse", "jonas.weber@example.com").await;
    b.fill("Erstes Passwort", "ein langes erstes Passwort")
        .await;
    b.click("Hinzufügen").await;
    assert!(
        b.page_text()
            .await
            .contains("Jonas Weber wurde hinzugefügt und kann sich jetzt anmelden.")
    );
    let login = app
        .login("jonas.weber@example.com", "ein langes erstes Passwort")
        .await;
    assert_eq!(login.status, 200, "{}", login.text);

    b.goto("/admin/users?lang=ar").await;
    assert_eq!(b.attr("html", "dir").await.as_deref(), Some("rtl"));
    b.inspect("admin-users", "ar").await;
    b.goto("/admin/accounts?lang=ar").await;
    b.inspect("admin-accounts", "ar").await;
    b.goto("/admin/outbox?lang=de").await;
    b.inspect("admin-outbox", "de").await;
    b.close().await;
}
