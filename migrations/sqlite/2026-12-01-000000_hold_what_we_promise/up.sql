-- The next position in a remark's thread is taken by one UPDATE of this counter, which locks
-- the remark's row: concurrent questions and answers on one remark queue on both backends
-- instead of racing for the same (remark_id, seq).
ALTER TABLE remarks ADD COLUMN thread_length INTEGER NOT NULL DEFAULT 0;
UPDATE remarks SET thread_length =
    (SELECT COALESCE(MAX(seq), 0) FROM remark_messages WHERE remark_messages.remark_id = remarks.id);

-- Where customers' and colleagues' replies to our mails should go (none by default: mails are
-- sent from an address nobody reads, and say so).
ALTER TABLE organisation ADD COLUMN reply_address TEXT;
ALTER TABLE mail_outbox ADD COLUMN reply_to TEXT;
