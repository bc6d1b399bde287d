/* motcua — asking the clerk for what a command was not given. */
#ifndef MC_PROMPT_H
#define MC_PROMPT_H

#include "cmd.h"

/* The answers typed at the prompts; in points into them. */
struct prompted {
	char *procedure, *applicant, *phone, *id_number, *address;
};

/*
 * At the counter (stdin a terminal): asks for the procedure (by number,
 * code or part of its name), the applicant, the ID number, the address and
 * the phone when missing, shows what will be recorded and asks to confirm.
 * When stdin and stderr are a terminal, answers are typed with libedit's
 * line editing and each question keeps a history of its answers for the
 * session (in memory only: no history file holds citizens' details);
 * otherwise they are read with getline. End of input at any question
 * cancels. Returns 0 to go on, or an exit code (1 when the clerk cancels).
 * Prompts go to stderr.
 */
int prompt_dossier(struct mc_ctx *ctx, mc_dossier_input *in, struct prompted *answers);
void prompted_release(struct prompted *p);

#endif
