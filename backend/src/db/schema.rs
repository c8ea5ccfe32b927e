//! The one schema for both backends, in portable types: UUIDs as Text, instants as BigInt epoch
//! seconds UTC, JSON as Text. Kept equal to both migration sets (tests/api/schema.rs proves the
//! two sets agree).

diesel::table! {
    instance_meta (key) {
        key -> Text,
        value -> Text,
        updated_at -> BigInt,
    }
}

diesel::table! {
    users (id) {
        id -> Text,
        email -> Text,
        display_name -> Text,
        password_hash -> Nullable<Text>,
        is_employee -> Bool,
        is_owner -> Bool,
        is_admin -> Bool,
        language -> Text,
        status -> Text,
        messenger_epoch -> BigInt,
        token_generation -> BigInt,
        created_at -> BigInt,
        staff_mail -> Text,
        digest_hour -> Integer,
        owner_alerts -> Text,
        slip_hours -> Integer,
    }
}

diesel::table! {
    one_time_tokens (token_hash) {
        token_hash -> Text,
        purpose -> Text,
        browser_hash -> Nullable<Text>,
        expires_at -> BigInt,
    }
}

diesel::table! {
    ended_sessions (session_hash) {
        session_hash -> Text,
        expires_at -> BigInt,
    }
}

diesel::table! {
    organisation (id) {
        id -> Integer,
        name -> Text,
        sender_address -> Text,
        time_zone -> Text,
        promise_value -> Integer,
        promise_unit -> Text,
        languages -> Text,
        updated_at -> BigInt,
        reply_address -> Nullable<Text>,
        closed_days -> Text,
        pass_on_days -> Integer,
    }
}

diesel::table! {
    topics (id) {
        id -> Text,
        label_nl -> Text,
        label_fr -> Text,
        label_en -> Text,
        position -> Integer,
        archived -> Bool,
    }
}

diesel::table! {
    mail_outbox (id) {
        id -> Text,
        dedupe_key -> Text,
        kind -> Text,
        sender -> Text,
        sender_name -> Text,
        recipient -> Text,
        subject -> Text,
        body_text -> Text,
        body_html -> Text,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> BigInt,
        claim_id -> Nullable<Text>,
        lease_until -> Nullable<BigInt>,
        last_error -> Nullable<Text>,
        created_at -> BigInt,
        reply_to -> Nullable<Text>,
        unsubscribe -> Nullable<Text>,
    }
}

diesel::table! {
    one_touch_tokens (token_hash) {
        token_hash -> Text,
        remark_id -> Text,
        owner_id -> Text,
        expires_at -> BigInt,
        used_at -> Nullable<BigInt>,
    }
}

diesel::table! {
    alert_cursors (owner_id) {
        owner_id -> Text,
        slipping_through -> BigInt,
    }
}

diesel::table! {
    staff_digests (person_id) {
        person_id -> Text,
        last_day -> Text,
        through -> BigInt,
    }
}

diesel::table! {
    remarks (id) {
        id -> Text,
        customer_name -> Text,
        customer_email -> Nullable<Text>,
        customer_phone -> Nullable<Text>,
        contact_consent -> Bool,
        customer_language -> Text,
        facts -> Text,
        feeling -> Integer,
        feeling_words -> Text,
        place_kind -> Text,
        place_detail -> Text,
        heard_on -> Text,
        topic_id -> Nullable<Text>,
        status -> Text,
        created_at -> BigInt,
        thread_length -> Integer,
        due_at -> BigInt,
        urgency_key -> BigInt,
        version -> Integer,
        undecided -> Bool,
        case_id -> Nullable<Text>,
        listed -> Bool,
        forgotten_on -> Nullable<Text>,
    }
}

diesel::table! {
    capture_keys (id) {
        id -> Text,
        fingerprint -> Text,
        status -> Integer,
        remark_id -> Text,
    }
}

diesel::table! {
    messenger_seals (remark_id) {
        remark_id -> Text,
        key_id -> Text,
        seal -> Binary,
    }
}

diesel::table! {
    held_captures (held_name) {
        held_name -> Text,
        hour -> BigInt,
        key_id -> Text,
        sealed -> Binary,
    }
}

diesel::table! {
    messenger_keys (key_id) {
        key_id -> Text,
        check_value -> Text,
    }
}

diesel::table! {
    remark_messages (id) {
        id -> Text,
        remark_id -> Text,
        seq -> Integer,
        author -> Text,
        body -> Text,
        written_on -> Text,
    }
}

diesel::table! {
    acknowledgements (id) {
        id -> Text,
        remark_id -> Text,
        channel -> Text,
        owner_id -> Text,
        acted_at -> BigInt,
        acted_on -> Text,
        promised_on -> Text,
        body -> Text,
        late -> Bool,
        note -> Nullable<Text>,
        passed_on_on -> Nullable<Text>,
        decision_id -> Nullable<Text>,
        seq -> Integer,
        news -> Nullable<Text>,
    }
}

diesel::table! {
    help_votes (remark_id, decision_id) {
        remark_id -> Text,
        decision_id -> Text,
        helped -> Bool,
        comment -> Text,
        voted_on -> Text,
    }
}

diesel::table! {
    status_tokens (token_hash) {
        token_hash -> Text,
        remark_id -> Text,
    }
}

diesel::table! {
    cases (id) {
        id -> Text,
        title -> Text,
        topic_id -> Nullable<Text>,
        version -> Integer,
        merged_into -> Nullable<Text>,
        created_at -> BigInt,
        decision_id -> Nullable<Text>,
    }
}

diesel::table! {
    case_events (id) {
        id -> Text,
        case_id -> Text,
        kind -> Text,
        owner_id -> Text,
        at -> BigInt,
        seq -> Integer,
        remarks -> Integer,
        other_case -> Nullable<Text>,
        other_title -> Nullable<Text>,
        detail -> Nullable<Text>,
    }
}

diesel::table! {
    remark_terms (term, remark_id) {
        term -> Text,
        remark_id -> Text,
    }
}

diesel::table! {
    decisions (id) {
        id -> Text,
        case_id -> Text,
        seq -> Integer,
        kind -> Text,
        duplicate_of -> Nullable<Text>,
        hear_again_on -> Nullable<Text>,
        texts -> Text,
        owner_id -> Text,
        at -> BigInt,
        ended -> Nullable<Text>,
    }
}

diesel::table! {
    plans (id) {
        id -> Text,
        case_id -> Text,
        decision_id -> Text,
        owner_id -> Text,
        due_on -> Text,
        promised_on -> Text,
        done_at -> Nullable<BigInt>,
        dropped -> Nullable<Text>,
        version -> Integer,
        created_at -> BigInt,
    }
}

diesel::table! {
    tasks (id) {
        id -> Text,
        plan_id -> Text,
        seq -> Integer,
        description -> Text,
        assignee_id -> Text,
        due_on -> Text,
        done_at -> Nullable<BigInt>,
        done_by -> Nullable<Text>,
        removed -> Bool,
        created_at -> BigInt,
    }
}

diesel::joinable!(acknowledgements -> remarks (remark_id));
diesel::joinable!(tasks -> plans (plan_id));
diesel::joinable!(case_events -> cases (case_id));
diesel::allow_tables_to_appear_in_same_query!(
    acknowledgements,
    remarks,
    users,
    cases,
    case_events,
    remark_terms,
    decisions,
    plans,
    tasks,
    staff_digests,
    one_touch_tokens,
    alert_cursors,
    help_votes,
    status_tokens
);
