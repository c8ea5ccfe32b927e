DROP TABLE remark_messages;
