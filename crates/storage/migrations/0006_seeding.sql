-- The first start fills an empty database in many steps. The organisation
-- it makes is marked `seeding` until the last step is done; a start that
-- finds a marked organisation (the previous first start failed or was
-- killed) deletes it with all its rows and seeds again.
ALTER TABLE organisations ADD COLUMN seeding INTEGER NOT NULL DEFAULT 0;
