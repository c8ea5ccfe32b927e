DROP TABLE messenger_keys;
DROP TABLE messenger_seals;
