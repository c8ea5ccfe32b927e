DROP TABLE held_captures;
