/* motcua — printable documents: the official forms (receipt slip 01,
 * supplement request 02, rejection 03, apology with a new date 04) and
 * the extract copies, as one description that core/render.h writes as
 * text, PDF or PNG. Always in Vietnamese, whatever the messages'
 * language. */
#ifndef MC_DOCUMENT_H
#define MC_DOCUMENT_H

#include <stdio.h>
#include "db.h"
#include "dossier.h"
#include "sign.h"

typedef enum {
	MC_BLOCK_TITLE,         /* text: the title; lines: centred lines under it  */
	MC_BLOCK_FIELD,         /* text: a label; value: its value (may be NULL)  */
	MC_BLOCK_PARAGRAPH,     /* value: running text                            */
	MC_BLOCK_ITEMS,         /* text: a label; lines: numbered items (a table  */
				/* on paper, value the heading of its column)     */
	MC_BLOCK_QR,            /* value: the payload; text: the caption          */
	MC_BLOCK_SIGNATURES     /* sign[0] left, sign[1] right; value/text: a QR  */
				/* code and its caption in an empty left column   */
} mc_block_kind;

typedef struct {
	char *title;            /* "NGƯỜI TIẾP NHẬN HỒ SƠ"; NULL: no signer here */
	char *note;             /* "(Ký và ghi rõ họ tên)"                       */
	char *name;             /* printed under the space to sign; may be NULL */
} mc_signer;

typedef struct {
	mc_block_kind kind;
	char *text, *value;
	char **lines;
	size_t n_lines;
	/* MC_BLOCK_QR on paper: stands at the right of the `beside` blocks
	 * before it, the text wrapping round it (0: centred on its own). */
	int beside;
	mc_signer sign[2];
} mc_block;

typedef enum { MC_PAPER_A4, MC_PAPER_A5 } mc_paper;

typedef struct {
	mc_paper paper;
	char *name;             /* what it is, for the PDF's title: "Mẫu 01 ..." */
	char *author;           /* the unit's name, for the PDF's metadata       */
	mc_time created;        /* the PDF's creation date (the database's now)  */
	/* The header: the unit's block at the left (its superior, the unit,
	 * the department, capitals), the national motto at the right, then
	 * the number ("Số: ...", may be NULL) and the place and date. */
	char *superior, *unit, *department, *number, *place_date;
	mc_block *blocks;
	size_t n_blocks;
	int oom;                /* an allocation failed while building       */
	/* A document with an official text form of its own (an extract's
	 * 80-column form, core/extract.c): mc_doc_write() writes its text
	 * with text_fn(db, text_ud, fp, colour) instead of the blocks. */
	mc_status (*text_fn)(mc_db *db, const void *ud, FILE *fp, int colour);
	const void *text_ud;
	/* Copies of one form, each on pages of its own with its line under
	 * the title (form 01: "Liên 1: ...", "Liên 2: ..."); NULL: one copy.
	 * The text rendering, for the screen, shows the last one. */
	const char *copies[2];
	/* MC_DOC_TRAINING_MARK when the database is a training copy (NULL
	 * else): every rendering prints it, above and below the text and
	 * across every page, so that it cannot pass for a real document. */
	const char *mark;
} mc_doc;

#define MC_DOC_TRAINING_MARK "BẢN THỬ NGHIỆM — không có giá trị sử dụng"

void mc_doc_free(mc_doc *doc);

/* The receipt slip being issued, by dossier new: form 01 of now. */
#define MC_FORM_ISSUE 0

/*
 * The form (MC_FORM_ISSUE or 1: receipt slip, 2: supplement request,
 * 3: rejection, 4: apology and new date, 5: notice that the handling is
 * stopped) of dossier d, which must come
 * from mc_dossier_get() (with its history) or mc_dossier_create(). Form 1
 * is the slip reprinted: as issued (dated the receipt day, the appointment
 * promised then, moved only by supplement waits), marked "BẢN IN LẠI" with
 * today's date, with a line "Đã đính chính ..." for each amendment of the
 * applicant's data (read from the history: d must come from
 * mc_dossier_get()), whose current values it shows. The slip names its
 * line in the year's tracking book (Quyển số 01/YYYY, Số thứ tự: the
 * dossiers entered that year up to it) and comes in two copies (Liên 1
 * kept, Liên 2 for the applicant). Forms 2 to 5 are made from the latest
 * step of the history that they answer (the request for a supplement, the
 * rejection, the latest new due time, the stop) and bear its date, reason
 * and clerk (by full name, setting clerk_names): MC_NOT_FOUND when the
 * history has no such step; form 4 is numbered in the year's apologies,
 * quotes the appointment promised on the slip and gives the new one in a
 * field of its own (bold on paper); forms 4 and 5 are signed by the head
 * of the agency (settings head_title, head_name). Every form carries the
 * dossier's lookup QR code. The slip is A5, the others A4. *out: free
 * with mc_doc_free().
 */
mc_status mc_doc_dossier_form(mc_db *db, const mc_dossier *d, int form, mc_doc **out);

/* One line of an extract: "label: value"; a NULL label makes the value
 * a paragraph of its own. */
typedef struct {
	const char *label, *value;
} mc_doc_line;

/*
 * An extract copy, as the extract command describes it: the fields that
 * its QR code signs, and the lines of the official form (the entry's
 * fields, the date of birth in words, "Đăng ký khai sinh tại ..."), in
 * order. NULL texts take the defaults said.
 */
typedef struct {
	mc_extract_fields fields;
	const char *title;          /* NULL: "TRÍCH LỤC KHAI SINH", "... KẾT HÔN",
				       "... KHAI TỬ" after the kind           */
	const char *subtitle;       /* NULL: "(BẢN SAO)"                       */
	const mc_doc_line *lines;
	size_t n_lines;
	const char *signer_title;   /* NULL: "NGƯỜI KÝ BẢN SAO TRÍCH LỤC"      */
	const char *signer_name;    /* NULL: left blank, signed by hand         */
	/* The signed QR payload as issued (a reprint carries the same);
	 * NULL: signed here from fields. */
	const char *payload;
	/* A preview: no number, no QR code, marked MC_DOC_PREVIEW_MARK
	 * under the title and where the QR code would be. */
	int preview;
} mc_extract_doc;

/* The mark of a preview, on every rendering of it. */
#define MC_DOC_PREVIEW_MARK "BẢN XEM TRƯỚC — không có giá trị sử dụng"

/*
 * The extract's document, A4: the unit's header with "Số: SERIAL", the
 * title, the lines, the signer's block and, beside it, the QR code of
 * x->payload or else of mc_extract_payload_sign() (which makes the
 * office's key on first need: call it inside the command's transaction).
 * A preview has neither number nor QR code, nor signs anything.
 * *out: mc_doc_free().
 */
mc_status mc_doc_extract(mc_db *db, const mc_extract_doc *x, mc_doc **out);

#endif
