package nl.mailwijs.signup.internal;

/** The SQL of the sign-up module, with named parameters only. */
public final class SignupSql {

    private SignupSql() {
    }

    // --- consent texts

    public static final String INSERT_TEXT = "INSERT INTO consent_text (name, created_at) VALUES (:name, :now)";

    public static final String TEXT_BY_ID = "SELECT id, name, created_at FROM consent_text WHERE id = :id";

    public static final String LOCK_TEXT = "SELECT id FROM consent_text WHERE id = :id FOR UPDATE";

    public static final String TEXTS = "SELECT id, name, created_at FROM consent_text ORDER BY id";

    public static final String INSERT_VERSION = """
            INSERT INTO consent_text_version (consent_text_id, version, wording, language, topics, channels, created_at, updated_at)
            VALUES (:textId, :version, :wording, :language, :topics, :channels, :now, :now)""";

    public static final String NEXT_VERSION = "SELECT COALESCE(MAX(version), 0) + 1 FROM consent_text_version WHERE consent_text_id = :textId";

    private static final String VERSION_COLUMNS = """
            SELECT id, consent_text_id, version, wording, language, topics, channels, created_at, updated_at, used_at
              FROM consent_text_version""";

    public static final String VERSIONS_OF_TEXT = VERSION_COLUMNS + " WHERE consent_text_id = :textId ORDER BY version";

    public static final String ALL_VERSIONS = VERSION_COLUMNS + " ORDER BY consent_text_id, version";

    public static final String VERSION_BY_ID = VERSION_COLUMNS + " WHERE id = :id";

    public static final String VERSION_BY_NUMBER = VERSION_COLUMNS + " WHERE consent_text_id = :textId AND version = :version";

    /** Only while no form has shown it: the condition is checked in the same statement, so a form created meanwhile wins. */
    public static final String UPDATE_UNUSED_VERSION = """
            UPDATE consent_text_version SET wording = :wording, language = :language, topics = :topics, channels = :channels,
                   updated_at = :now
             WHERE consent_text_id = :textId AND version = :version AND used_at IS NULL""";

    public static final String LOCK_VERSION = "SELECT id FROM consent_text_version WHERE id = :id FOR UPDATE";

    public static final String MARK_VERSION_USED = "UPDATE consent_text_version SET used_at = :now WHERE id = :id AND used_at IS NULL";

    // --- forms

    public static final String INSERT_FORM = """
            INSERT INTO signup_form (form_key, name, consent_text_version_id, language, country, from_address, from_name, redirect_url,
                                     thanks_text, created_at)
            VALUES (:formKey, :name, :versionId, :language, :country, :fromAddress, :fromName, :redirectUrl, :thanksText, :now)""";

    private static final String FORM_COLUMNS = """
            SELECT id, form_key, name, consent_text_version_id, language, country, from_address, from_name, redirect_url, thanks_text,
                   created_at
              FROM signup_form""";

    public static final String FORM_BY_ID = FORM_COLUMNS + " WHERE id = :id";

    public static final String FORM_BY_KEY = FORM_COLUMNS + " WHERE form_key = :formKey";

    public static final String FORMS = FORM_COLUMNS + " ORDER BY id";

    // --- pending sign-ups

    public static final String INSERT_PENDING = """
            INSERT INTO signup_pending (form_id, consent_text_version_id, address, address_key, name, topics, submitted_at, ip_address,
                                        user_agent, form_url, referer, expires_at, state)
            VALUES (:formId, :versionId, :address, :addressKey, :name, :topics, :submittedAt, :ipAddress, :userAgent, :formUrl, :referer,
                    :expiresAt, 'PENDING')""";

    private static final String PENDING_COLUMNS = """
            SELECT id, form_id, consent_text_version_id, address, name, topics, submitted_at, ip_address, user_agent, form_url, referer,
                   expires_at, confirmation_sent_at, state, confirmed_at, confirmed_ip_address, confirmed_user_agent, contact_id,
                   evidence_record_id
              FROM signup_pending""";

    public static final String PENDING_BY_ID = PENDING_COLUMNS + " WHERE id = :id";

    /** Confirming twice at once (a double click) must record one consent: the second waits here, then sees CONFIRMED. */
    public static final String LOCK_PENDING = PENDING_COLUMNS + " WHERE id = :id FOR UPDATE";

    public static final String CONFIRMATION_SENT = "UPDATE signup_pending SET confirmation_sent_at = :sentAt WHERE id = :id";

    public static final String CONFIRMATION_NOT_SENT = "UPDATE signup_pending SET confirmation_sent_at = NULL WHERE id = :id";

    public static final String CONFIRM = """
            UPDATE signup_pending SET state = 'CONFIRMED', confirmed_at = :confirmedAt, confirmed_ip_address = :ipAddress,
                   confirmed_user_agent = :userAgent, contact_id = :contactId, evidence_record_id = :recordId
             WHERE id = :id AND state = 'PENDING'""";

    public static final String DECLINE = "UPDATE signup_pending SET state = 'DECLINED' WHERE id = :id AND state = 'PENDING'";

    /**
     * Addresses nobody confirmed are not kept: unconfirmed rows go some time after they expired
     * (long enough to answer "did someone sign me up?"). Confirmed rows stay with their consent.
     */
    public static final String FORGET_UNCONFIRMED = "DELETE FROM signup_pending WHERE state <> 'CONFIRMED' AND expires_at < :before";

    // --- one confirmation mail per address per window

    public static final String CLAIM_MAIL_GUARD = """
            UPDATE signup_mail_guard SET last_mail_at = :now WHERE address_key = :addressKey AND last_mail_at <= :before""";

    public static final String INSERT_MAIL_GUARD = "INSERT INTO signup_mail_guard (address_key, last_mail_at) VALUES (:addressKey, :now)";

    /** A mail that could not be sent should not hold the address back for the whole window. */
    public static final String RELEASE_MAIL_GUARD = "DELETE FROM signup_mail_guard WHERE address_key = :addressKey AND last_mail_at = :claimedAt";

    public static final String FORGET_MAIL_GUARDS = "DELETE FROM signup_mail_guard WHERE last_mail_at < :before";
}
