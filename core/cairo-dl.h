/* motcua — cairo, pango and fontconfig, loaded when a document is drawn.
 *
 * Linking them would load some forty shared libraries (X11, glib,
 * harfbuzz, ...) into every run of the program, about 2 ms even for
 * `motcua qr print --text X`, which must start about as fast as qrencode.
 * So core/render.c calls them through the table `mc_dl`, filled by
 * mc_cairo_load() with dlopen()/dlsym() from the libraries' stable
 * sonames the first time a document is drawn. The prototypes are those of
 * the installed headers: a call through the table is type-checked as a
 * direct call would be.
 */
#ifndef MC_CAIRO_DL_H
#define MC_CAIRO_DL_H

#include <stddef.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>

#define MC_CAIRO_FUNCTIONS(X) \
	X(cairo_create) X(cairo_destroy) X(cairo_status) X(cairo_save) \
	X(cairo_restore) X(cairo_translate) X(cairo_scale) X(cairo_show_page) \
	X(cairo_set_source_rgb) X(cairo_set_line_width) X(cairo_set_antialias) \
	X(cairo_new_path) X(cairo_move_to) X(cairo_line_to) X(cairo_rectangle) \
	X(cairo_fill) X(cairo_stroke) X(cairo_paint) X(cairo_user_to_device) \
	X(cairo_device_to_user) \
	X(cairo_image_surface_create) X(cairo_surface_write_to_png_stream) \
	X(cairo_pdf_surface_create_for_stream) X(cairo_pdf_surface_set_metadata) \
	X(cairo_pdf_surface_set_size) X(cairo_surface_finish) \
	X(cairo_surface_status) X(cairo_surface_destroy) \
	X(cairo_font_options_create) X(cairo_font_options_destroy) \
	X(cairo_font_options_set_hint_metrics) X(cairo_font_options_set_hint_style) \
	X(cairo_debug_reset_static_data) \
	X(pango_cairo_create_context) X(pango_cairo_update_context) \
	X(pango_cairo_context_set_font_options) X(pango_cairo_show_layout) \
	X(pango_cairo_font_map_get_default) X(pango_cairo_font_map_set_default) \
	X(pango_layout_new) X(pango_layout_set_text) X(pango_layout_set_width) \
	X(pango_layout_set_font_description) X(pango_layout_set_alignment) \
	X(pango_layout_set_wrap) X(pango_layout_set_indent) \
	X(pango_layout_set_justify) X(pango_layout_set_spacing) \
	X(pango_layout_set_attributes) X(pango_layout_get_size) \
	X(pango_layout_get_pixel_extents) \
	X(pango_font_description_from_string) X(pango_font_description_free) \
	X(pango_font_description_set_absolute_size) \
	X(pango_font_description_set_weight) X(pango_font_description_set_style) \
	X(pango_attr_list_new) X(pango_attr_list_unref) X(pango_attr_list_insert) \
	X(pango_attr_weight_new) \
	X(g_object_unref) X(g_object_set_data_full) X(FcFini)

struct mc_cairo_api {
#define MC_CAIRO_POINTER(f) __typeof__(f) *f;
	MC_CAIRO_FUNCTIONS(MC_CAIRO_POINTER)
#undef MC_CAIRO_POINTER
};

/* Filled by mc_cairo_load(); do not call through it before. */
extern struct mc_cairo_api mc_dl;

/* Loads the libraries and every function of the table, once: 0, or -1
 * with the reason (dlerror()'s) in err. */
int mc_cairo_load(char *err, size_t n);

/* Has mc_cairo_load() succeeded? */
int mc_cairo_loaded(void);

#endif
