-- Names and labels are one line now (a line break in the organisation's name made the mail
-- worker panic; validation refuses control characters since). What was stored before becomes
-- one line too: line breaks and tabs turn into spaces. Only rows that hold one are touched.
UPDATE organisation SET name = replace(replace(replace(name, chr(13), ' '), chr(10), ' '), chr(9), ' ') WHERE name <> replace(replace(replace(name, chr(13), ' '), chr(10), ' '), chr(9), ' ');
UPDATE users SET display_name = replace(replace(replace(display_name, chr(13), ' '), chr(10), ' '), chr(9), ' ') WHERE display_name <> replace(replace(replace(display_name, chr(13), ' '), chr(10), ' '), chr(9), ' ');
UPDATE topics SET label_nl = replace(replace(replace(label_nl, chr(13), ' '), chr(10), ' '), chr(9), ' '), label_fr = replace(replace(replace(label_fr, chr(13), ' '), chr(10), ' '), chr(9), ' '), label_en = replace(replace(replace(label_en, chr(13), ' '), chr(10), ' '), chr(9), ' ')
WHERE label_nl <> replace(replace(replace(label_nl, chr(13), ' '), chr(10), ' '), chr(9), ' ') OR label_fr <> replace(replace(replace(label_fr, chr(13), ' '), chr(10), ' '), chr(9), ' ') OR label_en <> replace(replace(replace(label_en, chr(13), ' '), chr(10), ' '), chr(9), ' ');
