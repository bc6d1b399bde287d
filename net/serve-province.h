/* motcua-net — the lookup of `motcua serve --province` (motcua-serve(1)). */
#ifndef MC_NET_SERVE_PROVINCE_H
#define MC_NET_SERVE_PROVINCE_H

#include "motcua.h"
#include "pg.h"

/*
 * The citizen's view of the dossier code with PIN pin, from the
 * province's copy (a reader role's connection): MC_NOT_FOUND for an
 * unknown code and a wrong PIN alike; libpq's failures as mc_pg's.
 */
mc_status mc_serve_province_lookup(mc_pg *pg, const char *code, const char *pin, mc_time now,
				   mc_citizen **out);

#endif
