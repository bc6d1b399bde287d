/* motcua — status codes shared by every module of libmotcua. */
#ifndef MC_STATUS_H
#define MC_STATUS_H

/*
 * Every library function that can fail returns an mc_status. The library
 * never prints or exits: cmd/ turns a status into a message and an exit
 * code (cmd/status.c), and the detail of the last error on a database
 * handle is kept there (mc_errmsg()).
 */
typedef enum {
	MC_OK = 0,
	MC_NOT_FOUND,       /* no such dossier, procedure, entry...        */
	MC_EXISTS,          /* init on a database with other settings       */
	MC_USAGE,           /* a caller asked for something impossible      */
	MC_BAD_INPUT,       /* invalid field, refused status change          */
	MC_NO_INPUT,        /* an input file cannot be opened                */
	MC_CANT_CREATE,     /* an output file cannot be created              */
	MC_IO,              /* read/write error                              */
	MC_BUSY,            /* the database stayed locked past the timeout   */
	MC_DB,              /* any other SQLite failure                      */
	MC_NOMEM,
	MC_REFUSED,         /* the record's state does not allow it now     */
	MC_UNAVAILABLE,     /* a part or a server is missing or too old (69) */
	MC_UNREACHABLE,     /* a server could not be reached now; retry (75) */
	MC_STATUS_LAST
} mc_status;

/* A short English name of the status, for messages ("bad input"). */
const char *mc_status_str(mc_status st);

#endif
