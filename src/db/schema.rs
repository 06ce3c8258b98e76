//! The tables, shared by SQLite and PostgreSQL (see migrations/).

diesel::table! {
    users (id) {
        id -> Text,
        email -> Text,
        name -> Text,
        role -> Text,
        timezone -> Text,
        password_hash -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    accounts (id) {
        id -> Text,
        name -> Text,
        segment -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    account_domains (domain) {
        domain -> Text,
        account_id -> Text,
    }
}

diesel::joinable!(account_domains -> accounts (account_id));
diesel::allow_tables_to_appear_in_same_query!(users, accounts, account_domains);
