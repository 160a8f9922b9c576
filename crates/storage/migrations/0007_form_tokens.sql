-- A form is applied once: each rendered form of an afweging carries a
-- one-time token, kept with the change it made. Submitting the same form
-- again (the back button, a double click) finds its token and changes
-- nothing. NULL for changes that did not come from a form.
ALTER TABLE case_events ADD COLUMN form_token TEXT;
CREATE UNIQUE INDEX case_events_form_token ON case_events (case_id, form_token);
