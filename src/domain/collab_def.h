/*
 * Shorthands for writing the field tables of the collaboration entities
 * (domain-internal; see collab.h). Each macro makes one struct co_field.
 */
#ifndef SV_COLLAB_DEF_H
#define SV_COLLAB_DEF_H

#include "domain/collab.h"

#define CO_NELEM(a)	((int)(sizeof(a) / sizeof((a)[0])))

#define F_TEXT(n, fl, max, doc) \
	{ n, CO_T_TEXT, fl, 0, max, NULL, 0, CO__MAX, NULL, doc }
#define F_DATE(n, fl, doc) \
	{ n, CO_T_DATE, fl, 0, 0, NULL, 0, CO__MAX, NULL, doc }
#define F_INSTANT(n, fl, doc) \
	{ n, CO_T_INSTANT, fl, 0, 0, NULL, 0, CO__MAX, NULL, doc }
#define F_INT(n, fl, lo, hi, dflt, doc) \
	{ n, CO_T_INT, fl, lo, hi, NULL, 0, CO__MAX, dflt, doc }
#define F_NUM(n, fl, lo, hi, doc) \
	{ n, CO_T_NUM, fl, lo, hi, NULL, 0, CO__MAX, NULL, doc }
#define F_BOOL(n, dflt, doc) \
	{ n, CO_T_BOOL, 0, 0, 1, NULL, 0, CO__MAX, dflt, doc }
#define F_ENUM(n, fl, names, dflt, doc) \
	{ n, CO_T_ENUM, fl, 0, 0, names, CO_NELEM(names), CO__MAX, dflt, doc }
#define F_REF(n, fl, ent, doc) \
	{ n, CO_T_REF, fl, 0, 0, NULL, 0, ent, NULL, doc }
#define F_ORG(n, fl, doc) \
	{ n, CO_T_ORG, fl, 0, 0, NULL, 0, CO__MAX, NULL, doc }
#define F_AREA(n, fl, doc) \
	{ n, CO_T_AREA, fl, 0, 0, NULL, 0, CO__MAX, NULL, doc }
#define F_CAT(n, fl, doc) \
	{ n, CO_T_CATEGORY, fl, 0, 0, NULL, 0, CO__MAX, NULL, doc }
#define F_BLOB(n, fl, max, doc) \
	{ n, CO_T_BLOB, fl, 0, max, NULL, 0, CO__MAX, NULL, doc }

/* Short and long text caps (bytes). */
#define CO_SHORT	300
#define CO_LONG		20000
#define CO_HUGE		400000

/* A descriptor's statements, by the naming scheme of store/sql.def. */
#define CO_SQL(X) SQL_CO_##X##_INSERT, SQL_CO_##X##_GET, \
	SQL_CO_##X##_LIST, SQL_CO_##X##_UPDATE, SQL_CO_##X##_DELETE

/* Helpers for rules. */
/* The value is given and not null. */
#define CO_HAS(v)	((v)->set && !(v)->null)

#endif
