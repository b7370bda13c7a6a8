/*
 * flow.c - answer flows for known problems (R-SCR-10): look a flow up,
 * read its nodes (question, script, note) and answers, and walk from node
 * to node as the agent settles each question. The flows are data (see
 * src/data/flows_zh.c and docs/words.md); this file only reads them.
 */
#include "words.h"

#include <string.h>

int tousu_flow_list(const tousu_policy *p, int32_t *ids, size_t cap, size_t *n)
{
    if (!p || !n || (!ids && cap))
        return TOUSU_EINVAL;
    tz_words scratch;
    const tz_words *w = tz_policy_words(p, &scratch);
    for (size_t i = 0; i < w->n_flows && i < cap; i++)
        ids[i] = w->flows[i].id;
    *n = w->n_flows;
    return *n > cap ? TOUSU_ENOSPACE : TOUSU_OK;
}

int tousu_flow_find(const tousu_policy *p, const char *key, size_t key_len, int32_t *flow)
{
    if (!p || !key || !flow)
        return TOUSU_EINVAL;
    tz_words scratch;
    const tz_words *w = tz_policy_words(p, &scratch);
    for (size_t i = 0; i < w->n_flows; i++) {
        const char *k = w->flows[i].key;
        if (strlen(k) == key_len && memcmp(k, key, key_len) == 0) {
            *flow = w->flows[i].id;
            return TOUSU_OK;
        }
    }
    return TOUSU_ENOTFOUND;
}

int tousu_flow_info_get(const tousu_policy *p, int32_t flow, tousu_flow_info *out)
{
    if (!p || !out)
        return TOUSU_EINVAL;
    if (!tz_out_size_ok(out))
        return TOUSU_ESTRUCT;
    tz_words scratch;
    const tz_words *w = tz_policy_words(p, &scratch);
    const tz_flow *f = tz_find_flow(w, flow);
    if (!f)
        return TOUSU_ENOTFOUND;
    tousu_flow_info info;
    memset(&info, 0, sizeof info);
    info.struct_size = sizeof info;
    info.id = f->id;
    info.start = f->start;
    for (size_t i = 0; i < w->n_nodes; i++)
        info.n_nodes += w->nodes[i].flow == f->id;
    tz_str_out(f->key, &info.key, &info.key_len);
    tz_str_out(f->title, &info.title, &info.title_len);
    tz_str_out(f->rule, &info.rule, &info.rule_len);
    tz_copy_out(out, out->struct_size, &info, sizeof info);
    return TOUSU_OK;
}

/* The node (node 0 = the flow's start). */
static const tz_fnode *node_of(const tz_words *w, int32_t flow, int32_t node)
{
    if (node == 0) {
        const tz_flow *f = tz_find_flow(w, flow);
        if (!f)
            return NULL;
        node = f->start;
    }
    return tz_find_node(w, flow, node);
}

/* The k-th answer of a node, in table order. */
static const tz_fanswer *answer_of(const tz_words *w, const tz_fnode *n, int32_t k)
{
    if (k < 0)
        return NULL;
    for (size_t i = 0; i < w->n_answers; i++) {
        const tz_fanswer *a = &w->answers[i];
        if (a->flow == n->flow && a->node == n->node && k-- == 0)
            return a;
    }
    return NULL;
}

int tousu_flow_node_get(const tousu_policy *p, int32_t flow, int32_t node, tousu_flow_node *out)
{
    if (!p || !out)
        return TOUSU_EINVAL;
    if (!tz_out_size_ok(out))
        return TOUSU_ESTRUCT;
    tz_words scratch;
    const tz_words *w = tz_policy_words(p, &scratch);
    const tz_fnode *n = node_of(w, flow, node);
    if (!n)
        return TOUSU_ENOTFOUND;
    tousu_flow_node info;
    memset(&info, 0, sizeof info);
    info.struct_size = sizeof info;
    info.flow = n->flow;
    info.node = n->node;
    for (size_t i = 0; i < w->n_answers; i++)
        info.n_answers += w->answers[i].flow == n->flow && w->answers[i].node == n->node;
    tz_str_out(n->question, &info.question, &info.question_len);
    tz_str_out(n->say, &info.say, &info.say_len);
    tz_str_out(n->note, &info.note, &info.note_len);
    tz_copy_out(out, out->struct_size, &info, sizeof info);
    return TOUSU_OK;
}

int tousu_flow_answer(const tousu_policy *p, int32_t flow, int32_t node, int32_t answer,
                      const char **label, size_t *label_len, int32_t *next_flow, int32_t *next_node)
{
    if (!p || !next_flow || !next_node)
        return TOUSU_EINVAL;
    tz_words scratch;
    const tz_words *w = tz_policy_words(p, &scratch);
    const tz_fnode *n = node_of(w, flow, node);
    const tz_fanswer *a = n ? answer_of(w, n, answer) : NULL;
    if (!a)
        return TOUSU_ENOTFOUND;
    if (label && label_len)
        tz_str_out(a->label, label, label_len);
    *next_flow = a->next_flow ? a->next_flow : n->flow;
    *next_node = a->next_node;
    return TOUSU_OK;
}

int tousu_flow_step(const tousu_policy *p, int32_t *flow, int32_t *node, int32_t answer)
{
    if (!p || !flow || !node)
        return TOUSU_EINVAL;
    int32_t nf, nn;
    int rc = tousu_flow_answer(p, *flow, *node, answer, NULL, NULL, &nf, &nn);
    if (rc)
        return rc;
    *flow = nf;
    *node = nn;
    return TOUSU_OK;
}

int tousu_flow_render(const tousu_policy *p, int32_t flow, int32_t node, const tousu_vars *vars,
                      char *buf, size_t cap, size_t *needed)
{
    if (!p || !needed || (!buf && cap))
        return TOUSU_EINVAL;
    tz_words scratch;
    const tz_fnode *n = node_of(tz_policy_words(p, &scratch), flow, node);
    if (!n)
        return TOUSU_ENOTFOUND;
    return tz_render_table(n->say, vars, buf, cap, needed);
}
