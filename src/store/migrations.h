/*
 * The migrations embedded in the binary (generated from the sql/sqlite/ files
 * and the sql/pg/ files at build time by scripts/embed-sql), each a table
 * ending with a zero version.
 */
#ifndef SV_MIGRATIONS_H
#define SV_MIGRATIONS_H

struct sv_migration {
	int		 version;
	const char	*name;
	const char	*sql;
};

extern const struct sv_migration sv_migrations_sqlite[];
extern const struct sv_migration sv_migrations_pg[];

#endif
