-- +goose Up
-- SQLite evaluates a CHECK of the form  col IN ('a', 'b', 'c', …)  (three
-- values or more) by building a temporary table of the values for every row
-- written: for the eight such checks of participation_history that is most
-- of what writing a row costs (0.5 of 0.6 s for 100,000 rows), and a third
-- of a bulk import's writes in all. The same check written as
-- (col = 'a' OR col = 'b' OR …) accepts and refuses exactly the same values
-- (NULL included) at no cost, so every table's checks are rewritten so.
--
-- SQLite cannot ALTER a constraint; its documented way to change a CHECK
-- without touching the stored rows is to edit the table's CREATE statement
-- in sqlite_schema (https://sqlite.org/lang_altertable.html, "Making Other
-- Kinds Of Table Schema Changes"). writable_schema=RESET makes this
-- connection read the schema again; the CREATE/DROP of a table changes the
-- schema version, so every other connection reads it again too.
-- (schematest.TestSQLiteChecksWithoutValueLists checks that none is left after this and every
-- later migration; TestConstraintsAgree that the rewritten ones still refuse bad values.)
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql,
    '(role IN (''owner'', ''admin'', ''organizer'', ''classroom_admin'', ''support'')',
    '((role = ''owner'' OR role = ''admin'' OR role = ''organizer'' OR role = ''classroom_admin'' OR role = ''support'')')
WHERE type = 'table';
UPDATE sqlite_schema SET sql = replace(sql,
    '(status IN (''invited'', ''active'', ''disabled'')',
    '((status = ''invited'' OR status = ''active'' OR status = ''disabled'')')
WHERE type = 'table';
UPDATE sqlite_schema SET sql = replace(sql,
    '(status IN (''queued'', ''sent'', ''deferred'', ''bounced'', ''failed'')',
    '((status = ''queued'' OR status = ''sent'' OR status = ''deferred'' OR status = ''bounced'' OR status = ''failed'')')
WHERE type = 'table';
UPDATE sqlite_schema SET sql = replace(sql,
    '(actor_kind IN (''staff'', ''api'', ''system'', ''person'')',
    '((actor_kind = ''staff'' OR actor_kind = ''api'' OR actor_kind = ''system'' OR actor_kind = ''person'')')
WHERE type = 'table';
UPDATE sqlite_schema SET sql = replace(sql,
    '(status IN (''active'', ''blocked'', ''deleted'')',
    '((status = ''active'' OR status = ''blocked'' OR status = ''deleted'')')
WHERE type = 'table';
UPDATE sqlite_schema SET sql = replace(sql,
    '(login_method IN (''magic_link'', ''password'', ''sso'')',
    '((login_method = ''magic_link'' OR login_method = ''password'' OR login_method = ''sso'')')
WHERE type = 'table';
UPDATE sqlite_schema SET sql = replace(sql,
    '(kind IN (''invite'', ''delete'', ''export'')',
    '((kind = ''invite'' OR kind = ''delete'' OR kind = ''export'')')
WHERE type = 'table';
UPDATE sqlite_schema SET sql = replace(sql,
    '(status IN (''pending'', ''checking'', ''ready'', ''running'', ''done'', ''failed'', ''cancelled'', ''undone'')',
    '((status = ''pending'' OR status = ''checking'' OR status = ''ready'' OR status = ''running'' OR status = ''done'' OR status = ''failed'' OR status = ''cancelled'' OR status = ''undone'')')
WHERE type = 'table';
UPDATE sqlite_schema SET sql = replace(sql,
    '(status IN (''invited'', ''registered'', ''attended'', ''sso_login'', ''unregistered'', ''blocked'')',
    '((status = ''invited'' OR status = ''registered'' OR status = ''attended'' OR status = ''sso_login'' OR status = ''unregistered'' OR status = ''blocked'')')
WHERE type = 'table';
UPDATE sqlite_schema SET sql = replace(sql,
    '(detailed_status IN (''invited_by_team_member'', ''invited_by_team_member_to_register'', ''confirmed_email'', ''registered_no_confirmation_required'', ''pre_event_visit'', ''during_event_visit'', ''sso_login'', ''unregistered'', ''blocked'')',
    '((detailed_status = ''invited_by_team_member'' OR detailed_status = ''invited_by_team_member_to_register'' OR detailed_status = ''confirmed_email'' OR detailed_status = ''registered_no_confirmation_required'' OR detailed_status = ''pre_event_visit'' OR detailed_status = ''during_event_visit'' OR detailed_status = ''sso_login'' OR detailed_status = ''unregistered'' OR detailed_status = ''blocked'')')
WHERE type = 'table';
UPDATE sqlite_schema SET sql = replace(sql,
    '(delivery_state IN (''none'', ''queued'', ''sent'', ''deferred'', ''bounced'')',
    '((delivery_state = ''none'' OR delivery_state = ''queued'' OR delivery_state = ''sent'' OR delivery_state = ''deferred'' OR delivery_state = ''bounced'')')
WHERE type = 'table';
UPDATE sqlite_schema SET sql = replace(sql,
    '(status IN (''sso_login'', ''unregistered'', ''blocked'')',
    '((status = ''sso_login'' OR status = ''unregistered'' OR status = ''blocked'')')
WHERE type = 'table';
UPDATE sqlite_schema SET sql = replace(sql,
    '(from_status IN (''invited'', ''registered'', ''attended'', ''sso_login'', ''unregistered'', ''blocked'')',
    '((from_status = ''invited'' OR from_status = ''registered'' OR from_status = ''attended'' OR from_status = ''sso_login'' OR from_status = ''unregistered'' OR from_status = ''blocked'')')
WHERE type = 'table';
UPDATE sqlite_schema SET sql = replace(sql,
    '(from_detailed_status IN (''invited_by_team_member'', ''invited_by_team_member_to_register'', ''confirmed_email'', ''registered_no_confirmation_required'', ''pre_event_visit'', ''during_event_visit'', ''sso_login'', ''unregistered'', ''blocked'')',
    '((from_detailed_status = ''invited_by_team_member'' OR from_detailed_status = ''invited_by_team_member_to_register'' OR from_detailed_status = ''confirmed_email'' OR from_detailed_status = ''registered_no_confirmation_required'' OR from_detailed_status = ''pre_event_visit'' OR from_detailed_status = ''during_event_visit'' OR from_detailed_status = ''sso_login'' OR from_detailed_status = ''unregistered'' OR from_detailed_status = ''blocked'')')
WHERE type = 'table';
UPDATE sqlite_schema SET sql = replace(sql,
    '(to_status IN (''invited'', ''registered'', ''attended'', ''sso_login'', ''unregistered'', ''blocked'')',
    '((to_status = ''invited'' OR to_status = ''registered'' OR to_status = ''attended'' OR to_status = ''sso_login'' OR to_status = ''unregistered'' OR to_status = ''blocked'')')
WHERE type = 'table';
UPDATE sqlite_schema SET sql = replace(sql,
    '(to_detailed_status IN (''invited_by_team_member'', ''invited_by_team_member_to_register'', ''confirmed_email'', ''registered_no_confirmation_required'', ''pre_event_visit'', ''during_event_visit'', ''sso_login'', ''unregistered'', ''blocked'')',
    '((to_detailed_status = ''invited_by_team_member'' OR to_detailed_status = ''invited_by_team_member_to_register'' OR to_detailed_status = ''confirmed_email'' OR to_detailed_status = ''registered_no_confirmation_required'' OR to_detailed_status = ''pre_event_visit'' OR to_detailed_status = ''during_event_visit'' OR to_detailed_status = ''sso_login'' OR to_detailed_status = ''unregistered'' OR to_detailed_status = ''blocked'')')
WHERE type = 'table';
UPDATE sqlite_schema SET sql = replace(sql,
    '(cause IN (''invite'', ''import'', ''register'', ''confirm_email'', ''visit'', ''sso_login'', ''unregister'', ''block'', ''unblock'', ''reinvite'', ''undo'', ''merge'')',
    '((cause = ''invite'' OR cause = ''import'' OR cause = ''register'' OR cause = ''confirm_email'' OR cause = ''visit'' OR cause = ''sso_login'' OR cause = ''unregister'' OR cause = ''block'' OR cause = ''unblock'' OR cause = ''reinvite'' OR cause = ''undo'' OR cause = ''merge'')')
WHERE type = 'table';
UPDATE sqlite_schema SET sql = replace(sql,
    '(from_status IN (''sso_login'', ''unregistered'', ''blocked'')',
    '((from_status = ''sso_login'' OR from_status = ''unregistered'' OR from_status = ''blocked'')')
WHERE type = 'table';
UPDATE sqlite_schema SET sql = replace(sql,
    '(to_status IN (''sso_login'', ''unregistered'', ''blocked'')',
    '((to_status = ''sso_login'' OR to_status = ''unregistered'' OR to_status = ''blocked'')')
WHERE type = 'table';
UPDATE sqlite_schema SET sql = replace(sql,
    ' value IN (''invited'', ''registered'', ''attended'', ''sso_login'', ''unregistered'', ''blocked'')',
    ' (value = ''invited'' OR value = ''registered'' OR value = ''attended'' OR value = ''sso_login'' OR value = ''unregistered'' OR value = ''blocked'')')
WHERE type = 'table';
UPDATE sqlite_schema SET sql = replace(sql,
    ' value IN (''attendee'', ''speaker'', ''moderator'')',
    ' (value = ''attendee'' OR value = ''speaker'' OR value = ''moderator'')')
WHERE type = 'table';
UPDATE sqlite_schema SET sql = replace(sql,
    '(kind IN (''pre_event'', ''during_event'', ''session_join'')',
    '((kind = ''pre_event'' OR kind = ''during_event'' OR kind = ''session_join'')')
WHERE type = 'table';
UPDATE sqlite_schema SET sql = replace(sql,
    '(role IN (''student'', ''instructor'', ''admin'')',
    '((role = ''student'' OR role = ''instructor'' OR role = ''admin'')')
WHERE type = 'table';
UPDATE sqlite_schema SET sql = replace(sql,
    '(purpose IN (''login'', ''invitation'', ''confirm_email'', ''classroom_invite'')',
    '((purpose = ''login'' OR purpose = ''invitation'' OR purpose = ''confirm_email'' OR purpose = ''classroom_invite'')')
WHERE type = 'table';
UPDATE sqlite_schema SET sql = replace(sql,
    '(status IN (''pending'', ''approved'', ''rejected'', ''done'')',
    '((status = ''pending'' OR status = ''approved'' OR status = ''rejected'' OR status = ''done'')')
WHERE type = 'table';
PRAGMA writable_schema = RESET;
CREATE TABLE schema_reload (x INTEGER);
DROP TABLE schema_reload;

-- +goose Down
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql,
    '((role = ''owner'' OR role = ''admin'' OR role = ''organizer'' OR role = ''classroom_admin'' OR role = ''support'')',
    '(role IN (''owner'', ''admin'', ''organizer'', ''classroom_admin'', ''support'')')
WHERE type = 'table';
UPDATE sqlite_schema SET sql = replace(sql,
    '((status = ''invited'' OR status = ''active'' OR status = ''disabled'')',
    '(status IN (''invited'', ''active'', ''disabled'')')
WHERE type = 'table';
UPDATE sqlite_schema SET sql = replace(sql,
    '((status = ''queued'' OR status = ''sent'' OR status = ''deferred'' OR status = ''bounced'' OR status = ''failed'')',
    '(status IN (''queued'', ''sent'', ''deferred'', ''bounced'', ''failed'')')
WHERE type = 'table';
UPDATE sqlite_schema SET sql = replace(sql,
    '((actor_kind = ''staff'' OR actor_kind = ''api'' OR actor_kind = ''system'' OR actor_kind = ''person'')',
    '(actor_kind IN (''staff'', ''api'', ''system'', ''person'')')
WHERE type = 'table';
UPDATE sqlite_schema SET sql = replace(sql,
    '((status = ''active'' OR status = ''blocked'' OR status = ''deleted'')',
    '(status IN (''active'', ''blocked'', ''deleted'')')
WHERE type = 'table';
UPDATE sqlite_schema SET sql = replace(sql,
    '((login_method = ''magic_link'' OR login_method = ''password'' OR login_method = ''sso'')',
    '(login_method IN (''magic_link'', ''password'', ''sso'')')
WHERE type = 'table';
UPDATE sqlite_schema SET sql = replace(sql,
    '((kind = ''invite'' OR kind = ''delete'' OR kind = ''export'')',
    '(kind IN (''invite'', ''delete'', ''export'')')
WHERE type = 'table';
UPDATE sqlite_schema SET sql = replace(sql,
    '((status = ''pending'' OR status = ''checking'' OR status = ''ready'' OR status = ''running'' OR status = ''done'' OR status = ''failed'' OR status = ''cancelled'' OR status = ''undone'')',
    '(status IN (''pending'', ''checking'', ''ready'', ''running'', ''done'', ''failed'', ''cancelled'', ''undone'')')
WHERE type = 'table';
UPDATE sqlite_schema SET sql = replace(sql,
    '((status = ''invited'' OR status = ''registered'' OR status = ''attended'' OR status = ''sso_login'' OR status = ''unregistered'' OR status = ''blocked'')',
    '(status IN (''invited'', ''registered'', ''attended'', ''sso_login'', ''unregistered'', ''blocked'')')
WHERE type = 'table';
UPDATE sqlite_schema SET sql = replace(sql,
    '((detailed_status = ''invited_by_team_member'' OR detailed_status = ''invited_by_team_member_to_register'' OR detailed_status = ''confirmed_email'' OR detailed_status = ''registered_no_confirmation_required'' OR detailed_status = ''pre_event_visit'' OR detailed_status = ''during_event_visit'' OR detailed_status = ''sso_login'' OR detailed_status = ''unregistered'' OR detailed_status = ''blocked'')',
    '(detailed_status IN (''invited_by_team_member'', ''invited_by_team_member_to_register'', ''confirmed_email'', ''registered_no_confirmation_required'', ''pre_event_visit'', ''during_event_visit'', ''sso_login'', ''unregistered'', ''blocked'')')
WHERE type = 'table';
UPDATE sqlite_schema SET sql = replace(sql,
    '((delivery_state = ''none'' OR delivery_state = ''queued'' OR delivery_state = ''sent'' OR delivery_state = ''deferred'' OR delivery_state = ''bounced'')',
    '(delivery_state IN (''none'', ''queued'', ''sent'', ''deferred'', ''bounced'')')
WHERE type = 'table';
UPDATE sqlite_schema SET sql = replace(sql,
    '((status = ''sso_login'' OR status = ''unregistered'' OR status = ''blocked'')',
    '(status IN (''sso_login'', ''unregistered'', ''blocked'')')
WHERE type = 'table';
UPDATE sqlite_schema SET sql = replace(sql,
    '((from_status = ''invited'' OR from_status = ''registered'' OR from_status = ''attended'' OR from_status = ''sso_login'' OR from_status = ''unregistered'' OR from_status = ''blocked'')',
    '(from_status IN (''invited'', ''registered'', ''attended'', ''sso_login'', ''unregistered'', ''blocked'')')
WHERE type = 'table';
UPDATE sqlite_schema SET sql = replace(sql,
    '((from_detailed_status = ''invited_by_team_member'' OR from_detailed_status = ''invited_by_team_member_to_register'' OR from_detailed_status = ''confirmed_email'' OR from_detailed_status = ''registered_no_confirmation_required'' OR from_detailed_status = ''pre_event_visit'' OR from_detailed_status = ''during_event_visit'' OR from_detailed_status = ''sso_login'' OR from_detailed_status = ''unregistered'' OR from_detailed_status = ''blocked'')',
    '(from_detailed_status IN (''invited_by_team_member'', ''invited_by_team_member_to_register'', ''confirmed_email'', ''registered_no_confirmation_required'', ''pre_event_visit'', ''during_event_visit'', ''sso_login'', ''unregistered'', ''blocked'')')
WHERE type = 'table';
UPDATE sqlite_schema SET sql = replace(sql,
    '((to_status = ''invited'' OR to_status = ''registered'' OR to_status = ''attended'' OR to_status = ''sso_login'' OR to_status = ''unregistered'' OR to_status = ''blocked'')',
    '(to_status IN (''invited'', ''registered'', ''attended'', ''sso_login'', ''unregistered'', ''blocked'')')
WHERE type = 'table';
UPDATE sqlite_schema SET sql = replace(sql,
    '((to_detailed_status = ''invited_by_team_member'' OR to_detailed_status = ''invited_by_team_member_to_register'' OR to_detailed_status = ''confirmed_email'' OR to_detailed_status = ''registered_no_confirmation_required'' OR to_detailed_status = ''pre_event_visit'' OR to_detailed_status = ''during_event_visit'' OR to_detailed_status = ''sso_login'' OR to_detailed_status = ''unregistered'' OR to_detailed_status = ''blocked'')',
    '(to_detailed_status IN (''invited_by_team_member'', ''invited_by_team_member_to_register'', ''confirmed_email'', ''registered_no_confirmation_required'', ''pre_event_visit'', ''during_event_visit'', ''sso_login'', ''unregistered'', ''blocked'')')
WHERE type = 'table';
UPDATE sqlite_schema SET sql = replace(sql,
    '((cause = ''invite'' OR cause = ''import'' OR cause = ''register'' OR cause = ''confirm_email'' OR cause = ''visit'' OR cause = ''sso_login'' OR cause = ''unregister'' OR cause = ''block'' OR cause = ''unblock'' OR cause = ''reinvite'' OR cause = ''undo'' OR cause = ''merge'')',
    '(cause IN (''invite'', ''import'', ''register'', ''confirm_email'', ''visit'', ''sso_login'', ''unregister'', ''block'', ''unblock'', ''reinvite'', ''undo'', ''merge'')')
WHERE type = 'table';
UPDATE sqlite_schema SET sql = replace(sql,
    '((from_status = ''sso_login'' OR from_status = ''unregistered'' OR from_status = ''blocked'')',
    '(from_status IN (''sso_login'', ''unregistered'', ''blocked'')')
WHERE type = 'table';
UPDATE sqlite_schema SET sql = replace(sql,
    '((to_status = ''sso_login'' OR to_status = ''unregistered'' OR to_status = ''blocked'')',
    '(to_status IN (''sso_login'', ''unregistered'', ''blocked'')')
WHERE type = 'table';
UPDATE sqlite_schema SET sql = replace(sql,
    ' (value = ''invited'' OR value = ''registered'' OR value = ''attended'' OR value = ''sso_login'' OR value = ''unregistered'' OR value = ''blocked'')',
    ' value IN (''invited'', ''registered'', ''attended'', ''sso_login'', ''unregistered'', ''blocked'')')
WHERE type = 'table';
UPDATE sqlite_schema SET sql = replace(sql,
    ' (value = ''attendee'' OR value = ''speaker'' OR value = ''moderator'')',
    ' value IN (''attendee'', ''speaker'', ''moderator'')')
WHERE type = 'table';
UPDATE sqlite_schema SET sql = replace(sql,
    '((kind = ''pre_event'' OR kind = ''during_event'' OR kind = ''session_join'')',
    '(kind IN (''pre_event'', ''during_event'', ''session_join'')')
WHERE type = 'table';
UPDATE sqlite_schema SET sql = replace(sql,
    '((role = ''student'' OR role = ''instructor'' OR role = ''admin'')',
    '(role IN (''student'', ''instructor'', ''admin'')')
WHERE type = 'table';
UPDATE sqlite_schema SET sql = replace(sql,
    '((purpose = ''login'' OR purpose = ''invitation'' OR purpose = ''confirm_email'' OR purpose = ''classroom_invite'')',
    '(purpose IN (''login'', ''invitation'', ''confirm_email'', ''classroom_invite'')')
WHERE type = 'table';
UPDATE sqlite_schema SET sql = replace(sql,
    '((status = ''pending'' OR status = ''approved'' OR status = ''rejected'' OR status = ''done'')',
    '(status IN (''pending'', ''approved'', ''rejected'', ''done'')')
WHERE type = 'table';
PRAGMA writable_schema = RESET;
CREATE TABLE schema_reload (x INTEGER);
DROP TABLE schema_reload;
