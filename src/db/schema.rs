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
        active -> Bool,
        locale -> Text,
        token_generation -> Integer,
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

diesel::table! {
    webinars (id) {
        id -> Text,
        series_id -> Nullable<Text>,
        kind -> Text,
        title -> Text,
        description -> Text,
        topic -> Nullable<Text>,
        host_id -> Text,
        starts_at -> Timestamp,
        ends_at -> Timestamp,
        timezone -> Text,
        capacity -> Nullable<Integer>,
        seats_taken -> Integer,
        waitlist_length -> Integer,
        join_url -> Nullable<Text>,
        status -> Text,
        sequence -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        arrivals -> Integer,
        waitlist_mode -> Text,
        offer_hours -> Integer,
        min_attendees -> Nullable<Integer>,
        decision_hours -> Integer,
        rollover -> Bool,
        recording_url -> Nullable<Text>,
        cancel_reason -> Nullable<Text>,
        warned_at -> Nullable<Timestamp>,
        decided_at -> Nullable<Timestamp>,
        rolled_over_at -> Nullable<Timestamp>,
        followed_up_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    registrations (id) {
        id -> Text,
        webinar_id -> Text,
        email -> Text,
        name -> Text,
        company -> Nullable<Text>,
        timezone -> Text,
        locale -> Text,
        situation -> Nullable<Text>,
        questions -> Text,
        marketing_consent -> Bool,
        status -> Text,
        attended -> Nullable<Bool>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        cancelled_at -> Nullable<Timestamp>,
        erased_at -> Nullable<Timestamp>,
        arrival -> Integer,
        resent_at -> Nullable<Timestamp>,
        offer_expires_at -> Nullable<Timestamp>,
        seated -> Bool,
        rollover -> Bool,
        followed_up_at -> Nullable<Timestamp>,
        rating -> Nullable<Integer>,
        rating_comment -> Nullable<Text>,
        rated_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    outbox (id) {
        id -> Text,
        topic -> Text,
        recipient -> Text,
        message -> Text,
        webinar_id -> Nullable<Text>,
        registration_id -> Nullable<Text>,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        locked_until -> Nullable<Timestamp>,
        locked_by -> Nullable<Text>,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
        channel -> Text,
        webhook_id -> Nullable<Text>,
        sequence -> Nullable<Integer>,
        detail -> Nullable<BigInt>,
        appointment_id -> Nullable<Text>,
        user_id -> Nullable<Text>,
    }
}

diesel::table! {
    outbox_attempts (id) {
        id -> Text,
        outbox_id -> Text,
        attempted_at -> Timestamp,
        worker -> Text,
        succeeded -> Bool,
        error -> Nullable<Text>,
    }
}

diesel::table! {
    sent_reminders (registration_id, offset_minutes) {
        registration_id -> Text,
        offset_minutes -> Integer,
        created_at -> Timestamp,
    }
}

diesel::joinable!(webinars -> users (host_id));
diesel::joinable!(registrations -> webinars (webinar_id));
diesel::joinable!(outbox_attempts -> outbox (outbox_id));
diesel::joinable!(sent_reminders -> registrations (registration_id));

diesel::table! {
    availability (user_id) {
        user_id -> Text,
        timezone -> Text,
        weekly -> Text,
        exceptions -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    queue_requests (id) {
        id -> Text,
        email -> Text,
        name -> Text,
        company -> Nullable<Text>,
        account_id -> Nullable<Text>,
        topic -> Text,
        situation -> Text,
        timezone -> Text,
        locale -> Text,
        preferred -> Text,
        status -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        not_before -> Nullable<Timestamp>,
        erased_at -> Nullable<Timestamp>,
        confirm_by -> Nullable<Timestamp>,
    }
}

diesel::table! {
    appointments (id) {
        id -> Text,
        request_id -> Text,
        host_id -> Text,
        starts_at -> Timestamp,
        ends_at -> Timestamp,
        status -> Text,
        notes -> Nullable<Text>,
        sequence -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    locks (name) {
        name -> Text,
        touched_at -> Timestamp,
    }
}

diesel::table! {
    appointment_reminders (appointment_id, offset_minutes) {
        appointment_id -> Text,
        offset_minutes -> Integer,
        created_at -> Timestamp,
    }
}

diesel::table! {
    webhooks (id) {
        id -> Text,
        url -> Text,
        events -> Text,
        secret -> Text,
        active -> Bool,
        created_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    audit_log (id) {
        id -> Text,
        actor_id -> Text,
        action -> Text,
        details -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    revoked_tokens (jti) {
        jti -> Text,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    calendar_tokens (user_id) {
        user_id -> Text,
        token_hash -> Text,
        created_at -> Timestamp,
    }
}

diesel::joinable!(availability -> users (user_id));
diesel::table! {
    busy_calendars (user_id) {
        user_id -> Text,
        url -> Text,
        body -> Nullable<Text>,
        last_success_at -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        last_attempt_at -> Nullable<Timestamp>,
        next_fetch_at -> Timestamp,
    }
}

diesel::joinable!(calendar_tokens -> users (user_id));
diesel::joinable!(busy_calendars -> users (user_id));
diesel::joinable!(appointments -> queue_requests (request_id));
diesel::joinable!(appointments -> users (host_id));
diesel::joinable!(appointment_reminders -> appointments (appointment_id));

diesel::allow_tables_to_appear_in_same_query!(
    users,
    accounts,
    account_domains,
    webinars,
    registrations,
    outbox,
    outbox_attempts,
    sent_reminders,
    availability,
    queue_requests,
    appointments,
    locks,
    appointment_reminders,
    webhooks,
    audit_log,
    revoked_tokens,
    calendar_tokens,
    busy_calendars,
);
