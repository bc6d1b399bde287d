/* motcua — the SQL of the province's migrations 6, 7, 9 to 12: the
 * search function (motcua_search) until motcua ran the search itself, the
 * signatures and the words' shares it reads (core/province-search.c).
 * Only core/province.c, which numbers the migrations, uses them. */
#ifndef MC_PROVINCE_SEARCH_H
#define MC_PROVINCE_SEARCH_H

extern const char mc_province_search_6[];
extern const char mc_province_search_7[];
extern const char mc_province_words_9[];
extern const char mc_province_search_10[];
extern const char mc_province_search_11[];
extern const char mc_province_words_12[];

#endif
