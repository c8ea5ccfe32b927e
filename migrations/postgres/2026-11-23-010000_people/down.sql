DROP TABLE mail_outbox;
DROP TABLE topics;
DROP TABLE organisation;
DROP TABLE one_time_tokens;
DROP TABLE refresh_tokens;
DROP TABLE users;
