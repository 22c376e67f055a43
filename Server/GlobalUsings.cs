// PgTimeZone moved to Storage/Time (shared by the executor's zone-aware functions and the wire layer).
global using IOx.Pg.Storage.Time;
