/*
 * Error pages.  Every error answer goes through page_error(), which renders the
 * Persian error template with the right status; nginx's own errors (a body over
 * client_max_body_size, a dead upstream) come back here through /_error/NNN.
 */
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "db.h"
#include "fa.h"
#include "http.h"
#include "pages/pages.h"
#include "view.h"

struct error_text {
	int		 status;
	const char	*title;
	const char	*message;
};

static const struct error_text error_texts[] = {
	{ 400, "درخواست نامعتبر",
	    "درخواست شما قابل پردازش نبود. لطفاً نشانی یا داده‌های فرم را بررسی کنید." },
	{ 403, "دسترسی مجاز نیست",
	    "شما اجازهٔ دسترسی به این صفحه را ندارید." },
	{ 404, "صفحه پیدا نشد",
	    "صفحه‌ای که به دنبال آن هستید وجود ندارد یا جابه‌جا شده است." },
	{ 405, "روش درخواست مجاز نیست",
	    "این صفحه از این روش درخواست پشتیبانی نمی‌کند." },
	{ 409, "این کار اکنون ممکن نیست",
	    "وضعیت پرونده با این درخواست سازگار نیست. لطفاً صفحه را دوباره باز کنید." },
	{ 413, "حجم درخواست بیش از حد مجاز است",
	    "داده‌ها یا فایل‌هایی که فرستادید از اندازهٔ مجاز بزرگ‌ترند. لطفاً حجم را کم کنید و دوباره بفرستید." },
	{ 414, "نشانی بیش از حد طولانی است",
	    "نشانی درخواست‌شده بیش از اندازه طولانی است." },
	{ 415, "نوع داده پشتیبانی نمی‌شود",
	    "نوع داده‌ای که فرستادید پذیرفته نمی‌شود." },
	{ 422, "داده‌های فرم پذیرفته نشد",
	    "برخی از داده‌های فرم درست نیست. لطفاً بازگردید و آن را اصلاح کنید." },
	{ 429, "درخواست‌های بیش از حد",
	    "در مدت کوتاهی درخواست‌های زیادی فرستاده‌اید. لطفاً کمی بعد دوباره تلاش کنید." },
	{ 500, "خطای داخلی سامانه",
	    "مشکلی در سامانه پیش آمد. لطفاً چند لحظه بعد دوباره تلاش کنید." },
	{ 502, "سامانه در دسترس نیست",
	    "سامانه موقتاً پاسخ نمی‌دهد. لطفاً چند لحظه بعد دوباره تلاش کنید." },
	{ 503, "سامانه موقتاً در دسترس نیست",
	    "سامانه موقتاً به پایگاه داده دسترسی ندارد. لطفاً چند لحظه بعد دوباره تلاش کنید." },
	{ 504, "پاسخ سامانه دیر شد",
	    "سامانه در زمان مقرر پاسخ نداد. لطفاً دوباره تلاش کنید." },
	{ 507, "فضای ذخیره‌سازی کافی نیست",
	    "فایل ذخیره نشد چون فضای ذخیره‌سازی سامانه پر است. لطفاً کمی بعد دوباره بفرستید." },
};

#define NERRORS	(sizeof(error_texts) / sizeof(error_texts[0]))

static const struct error_text *
error_text_of(int status)
{
	size_t	 i;

	for (i = 0; i < NERRORS; i++)
		if (error_texts[i].status == status)
			return &error_texts[i];
	return NULL;
}

int
page_error(struct req *r, int status, const char *detail)
{
	const struct error_text	*et;
	struct view_dict	*d;
	struct buf		 num;

	if ((et = error_text_of(status)) == NULL)
		et = error_text_of(status = 500);
	d = page_begin(r, et->title, "error.tpl");
	buf_init(&num, r->arena);
	fa_put_int(&num, status);
	view_set(d, "STATUS_FA", buf_cstr(&num));
	view_set(d, "ERROR_TITLE", et->title);
	view_set(d, "ERROR_MESSAGE", detail != NULL ? detail : et->message);
	if (status == 503)
		resp_header(r, "Retry-After", "5");
	page_end(r, status);
	return -1;
}

int
page_error_route(struct req *r, const char *arg, const struct field_val *in)
{
	unsigned long long	 code;

	(void)in;
	if (http_parse_uint(arg, strlen(arg), 599, &code) != 0 || code < 400 ||
	    error_text_of((int)code) == NULL)
		return page_error(r, 404, NULL);
	return page_error(r, (int)code, NULL);
}

int
page_health(struct req *r, const char *arg, const struct field_val *in)
{
	(void)arg;
	(void)in;
	resp_header(r, "Content-Type", "text/plain; charset=utf-8");
	if (db_connect(r->db) != DB_OK) {
		r->status = 503;
		buf_puts(&r->body, "db down\n");
		return 0;
	}
	buf_puts(&r->body, "ok\n");
	return 0;
}
