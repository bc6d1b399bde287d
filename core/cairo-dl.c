/* motcua — cairo, pango and fontconfig loaded at run time (see cairo-dl.h). */
#include <dlfcn.h>
#include <stdio.h>

#include "cairo-dl.h"

/* pangocairo's dependencies bring cairo, pango, glib's gobject and
 * fontconfig: dlsym() on its handle searches them all. */
#define LIBRARY "libpangocairo-1.0.so.0"

struct mc_cairo_api mc_dl;
static int loaded;

int mc_cairo_loaded(void)
{
	return loaded;
}

int mc_cairo_load(char *err, size_t n)
{
	void *h;
	const char *missing = NULL;
	if (loaded)
		return 0;
	/* Kept open for the life of the process: glib cannot be unloaded. */
	if (!(h = dlopen(LIBRARY, RTLD_NOW | RTLD_LOCAL))) {
		snprintf(err, n, "%s", dlerror());
		return -1;
	}
#define MC_CAIRO_SYMBOL(f) \
	if (!missing && !(mc_dl.f = (__typeof__(mc_dl.f))dlsym(h, #f))) \
		missing = #f;
	MC_CAIRO_FUNCTIONS(MC_CAIRO_SYMBOL)
#undef MC_CAIRO_SYMBOL
	if (missing) {
		snprintf(err, n, "%s: no function %s", LIBRARY, missing);
		return -1;
	}
	loaded = 1;
	return 0;
}
