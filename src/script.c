/*
 * script.c - script lookup by situation and step, and placeholder
 * rendering (R-SCR-1..6, 9, 11).
 *
 * Templates: {name} or {name|default}; {{ and }} are literal braces. The
 * names are the fields of tousu_vars. A missing value without a default
 * leaves {name} in the text and the call returns TOUSU_ENODATA, so a host
 * sees both the gap and the rest of the script. Output follows snprintf:
 * never more than cap bytes, NUL-terminated, *needed = full length.
 */
#include "words.h"

#include <string.h>

/* ---------- templates ---------- */

typedef struct var_name {
    const char *name;
    size_t ptr; /* offsets of the value and its length in tousu_vars */
    size_t len;
} var_name;

#define V(f)                                                                                       \
    {                                                                                              \
#f, offsetof(tousu_vars, f), offsetof(tousu_vars, f##_len)                                 \
    }
static const var_name var_names[] = {
    V(surname), V(title), V(agent_no), V(company), V(deadline), V(hours), V(agent_name), V(phone),
};

static const var_name *find_var(const char *s, size_t n)
{
    for (size_t i = 0; i < sizeof var_names / sizeof var_names[0]; i++)
        if (strlen(var_names[i].name) == n && memcmp(var_names[i].name, s, n) == 0)
            return &var_names[i];
    return NULL;
}

/* One piece of a template: literal text, or a placeholder. */
typedef struct piece {
    const char *lit; /* literal bytes (for a brace escape: the brace) */
    size_t lit_len;
    const var_name *var; /* placeholder, or NULL */
    const char *name;    /* the placeholder's text without braces */
    size_t name_len;
    const char *def; /* default, or NULL */
    size_t def_len;
    size_t next; /* offset after the piece */
} piece;

/* Read the piece at t[i]; returns TOUSU_EPARSE on bad syntax. */
static int next_piece(const char *t, size_t len, size_t i, piece *pc)
{
    memset(pc, 0, sizeof *pc);
    if (t[i] == '{' || t[i] == '}') {
        if (i + 1 < len && t[i + 1] == t[i]) { /* {{ or }} */
            pc->lit = t + i;
            pc->lit_len = 1;
            pc->next = i + 2;
            return TOUSU_OK;
        }
        if (t[i] == '}')
            return TOUSU_EPARSE;
        const char *close = memchr(t + i + 1, '}', len - i - 1);
        if (!close)
            return TOUSU_EPARSE;
        size_t body = (size_t)(close - (t + i + 1));
        const char *b = t + i + 1;
        const char *bar = memchr(b, '|', body);
        size_t name_len = bar ? (size_t)(bar - b) : body;
        if (memchr(b, '{', body))
            return TOUSU_EPARSE;
        pc->name = b;
        pc->name_len = name_len;
        pc->var = find_var(b, name_len);
        if (!pc->var)
            return TOUSU_EPARSE;
        if (bar) {
            pc->def = bar + 1;
            pc->def_len = body - name_len - 1;
        }
        pc->next = i + 1 + body + 1;
        return TOUSU_OK;
    }
    size_t j = i;
    while (j < len && t[j] != '{' && t[j] != '}')
        j++;
    pc->lit = t + i;
    pc->lit_len = j - i;
    pc->next = j;
    return TOUSU_OK;
}

static int check_syntax(const char *t, size_t len, piece *bad)
{
    for (size_t i = 0; i < len;) {
        piece pc;
        int rc = next_piece(t, len, i, &pc);
        if (rc) {
            memset(bad, 0, sizeof *bad);
            bad->next = i;
            return rc;
        }
        i = pc.next;
    }
    return TOUSU_OK;
}

int tz_template_check(const char *tmpl, tz_error *e)
{
    size_t len = strlen(tmpl);
    piece bad;
    if (check_syntax(tmpl, len, &bad)) {
        size_t at = bad.next;
        return tz_fail(e, TOUSU_EPARSE,
                       "unknown placeholder or unbalanced brace at byte %zu: %.24s", at, tmpl + at);
    }
    return TOUSU_OK;
}

/* ---------- rendering ---------- */

typedef struct sink {
    char *buf;
    size_t cap;
    size_t len;
} sink;

static void put(sink *s, const char *p, size_t n)
{
    if (s->len < s->cap) {
        size_t room = s->cap - 1 - s->len; /* keep one byte for the NUL */
        size_t k = n < room ? n : room;
        memcpy(s->buf + s->len, p, k);
        s->buf[s->len + k] = '\0';
    }
    s->len += n;
}

static void var_value(const tousu_vars *v, const var_name *vn, const char **p, size_t *n)
{
    memcpy(p, (const char *)v + vn->ptr, sizeof *p);
    memcpy(n, (const char *)v + vn->len, sizeof *n);
}

static int check_vars(const tousu_vars *v)
{
    for (size_t i = 0; i < sizeof var_names / sizeof var_names[0]; i++) {
        const char *p;
        size_t n;
        var_value(v, &var_names[i], &p, &n);
        if (!p && n)
            return TOUSU_EINVAL;
        if (n && (memchr(p, '\0', n) || tz_utf8_check(p, n) != n))
            return TOUSU_EUTF8;
    }
    return TOUSU_OK;
}

static int load_vars(const tousu_vars *in, tousu_vars *v)
{
    memset(v, 0, sizeof *v);
    if (!in)
        return TOUSU_OK;
    int rc = tz_copy_in(v, sizeof *v, in, in->struct_size, sizeof(size_t));
    return rc ? rc : check_vars(v);
}

/* Render a syntax-checked template. */
static int render(const char *t, size_t len, const tousu_vars *v, char *buf, size_t cap,
                  size_t *needed)
{
    sink s = {buf, cap, 0};
    if (cap)
        buf[0] = '\0';
    int missing = 0;
    for (size_t i = 0; i < len;) {
        piece pc;
        if (next_piece(t, len, i, &pc))
            return TOUSU_EPARSE;
        if (!pc.var) {
            put(&s, pc.lit, pc.lit_len);
        } else {
            const char *p;
            size_t n;
            var_value(v, pc.var, &p, &n);
            if (n)
                put(&s, p, n);
            else if (pc.def)
                put(&s, pc.def, pc.def_len);
            else {
                missing = 1; /* leave {name} in place */
                put(&s, "{", 1);
                put(&s, pc.name, pc.name_len);
                put(&s, "}", 1);
            }
        }
        i = pc.next;
    }
    *needed = s.len;
    if (s.len >= cap)
        return TOUSU_ENOSPACE;
    return missing ? TOUSU_ENODATA : TOUSU_OK;
}

int tousu_render(const char *tmpl, size_t len, const tousu_vars *vars, char *buf, size_t cap,
                 size_t *needed)
{
    if ((!tmpl && len) || !needed || (!buf && cap))
        return TOUSU_EINVAL;
    if (!tmpl)
        tmpl = "";
    if (memchr(tmpl, '\0', len))
        return TOUSU_EINVAL;
    if (tz_utf8_check(tmpl, len) != len)
        return TOUSU_EUTF8;
    piece bad;
    if (check_syntax(tmpl, len, &bad))
        return TOUSU_EPARSE;
    tousu_vars v;
    int rc = load_vars(vars, &v);
    if (rc)
        return rc;
    return render(tmpl, len, &v, buf, cap, needed);
}

int tz_render_table(const char *tmpl, const tousu_vars *vars, char *buf, size_t cap, size_t *needed)
{
    tousu_vars v;
    int rc = load_vars(vars, &v);
    if (rc)
        return rc;
    return render(tmpl, strlen(tmpl), &v, buf, cap, needed);
}

/* ---------- situations and steps ---------- */

int tousu_script_list(const tousu_policy *p, int32_t *ids, size_t cap, size_t *n)
{
    if (!p || !n || (!ids && cap))
        return TOUSU_EINVAL;
    tz_words scratch;
    const tz_words *w = tz_policy_words(p, &scratch);
    for (size_t i = 0; i < w->n_situations && i < cap; i++)
        ids[i] = w->situations[i].id;
    *n = w->n_situations;
    return *n > cap ? TOUSU_ENOSPACE : TOUSU_OK;
}

int tousu_script_find(const tousu_policy *p, const char *key, size_t key_len, int32_t *situation)
{
    if (!p || !key || !situation)
        return TOUSU_EINVAL;
    tz_words scratch;
    const tz_words *w = tz_policy_words(p, &scratch);
    for (size_t i = 0; i < w->n_situations; i++) {
        const char *k = w->situations[i].key;
        if (strlen(k) == key_len && memcmp(k, key, key_len) == 0) {
            *situation = w->situations[i].id;
            return TOUSU_OK;
        }
    }
    return TOUSU_ENOTFOUND;
}

int tousu_script_situation(const tousu_policy *p, int32_t situation, tousu_situation_info *out)
{
    if (!p || !out)
        return TOUSU_EINVAL;
    if (!tz_out_size_ok(out))
        return TOUSU_ESTRUCT;
    tz_words scratch;
    const tz_words *w = tz_policy_words(p, &scratch);
    const tz_situation *s = tz_find_situation(w, situation);
    if (!s)
        return TOUSU_ENOTFOUND;
    tousu_situation_info info;
    memset(&info, 0, sizeof info);
    info.struct_size = sizeof info;
    info.id = s->id;
    for (size_t i = 0; i < w->n_steps; i++)
        if (w->steps[i].situation == s->id && w->steps[i].step > info.n_steps)
            info.n_steps = w->steps[i].step;
    tz_str_out(s->key, &info.key, &info.key_len);
    tz_str_out(s->title, &info.title, &info.title_len);
    tz_str_out(s->rule, &info.rule, &info.rule_len);
    tz_copy_out(out, out->struct_size, &info, sizeof info);
    return TOUSU_OK;
}

int tousu_script_step(const tousu_policy *p, int32_t situation, int32_t step, tousu_step_info *out)
{
    if (!p || !out)
        return TOUSU_EINVAL;
    if (!tz_out_size_ok(out))
        return TOUSU_ESTRUCT;
    tz_words scratch;
    const tz_step *s = tz_find_step(tz_policy_words(p, &scratch), situation, step);
    if (!s)
        return TOUSU_ENOTFOUND;
    tousu_step_info info;
    memset(&info, 0, sizeof info);
    info.struct_size = sizeof info;
    info.situation = s->situation;
    info.step = s->step;
    info.flags = s->flags;
    info.pause_before_ms = s->pause_ms;
    info.hangup_after_ms = s->hangup_ms;
    info.limit_ms = s->limit_ms;
    tz_str_out(s->when, &info.when, &info.when_len);
    tz_str_out(s->say, &info.say, &info.say_len);
    tz_str_out(s->note, &info.note, &info.note_len);
    tz_copy_out(out, out->struct_size, &info, sizeof info);
    return TOUSU_OK;
}

int tousu_script_render(const tousu_policy *p, int32_t situation, int32_t step,
                        const tousu_vars *vars, char *buf, size_t cap, size_t *needed)
{
    if (!p || !needed || (!buf && cap))
        return TOUSU_EINVAL;
    tz_words scratch;
    const tz_step *s = tz_find_step(tz_policy_words(p, &scratch), situation, step);
    if (!s)
        return TOUSU_ENOTFOUND;
    return tz_render_table(s->say, vars, buf, cap, needed);
}
