#include "core/visibility.hpp"

namespace veche::core {
namespace {

nlohmann::json text_or_null(const std::string& s) { return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s); }

nlohmann::json author_json(const question& q, author_view view) {
    const bool shown = !q.anonymous || view == author_view::owner || view == author_view::moderator;
    if (!shown) return nullptr;
    nlohmann::json author = {{"id", q.author_id}, {"name", text_or_null(q.author_name)}};
    // Where the author comes from is for the hall's staff only, never for other participants.
    if (view == author_view::staff || view == author_view::moderator) {
        const auto& from = q.author_affiliation;
        author["org"] = text_or_null(from.org);
        author["region"] = text_or_null(from.region);
        author["verified"] = from.verified;
    }
    return author;
}

}  // namespace

bool visible_to_readers(question_state s) { return s == question_state::approved || s == question_state::answered; }

bool visible_to(const question& q, const identity& who) {
    return who.is_moderator() || visible_to_readers(q.state) || q.author_id == who.id;
}

nlohmann::json question_json(const question& q, author_view view) {
    nlohmann::json out = {
        {"id", q.id},
        {"session", q.session},
        {"text", q.text},
        {"author", author_json(q, view)},
        {"anonymous", q.anonymous},
        {"state", to_string(q.state)},
        {"highlighted", q.highlighted},
        {"votes", q.votes},
        {"created_at", format_rfc3339(q.created_at)},
        {"edited", q.edited},
    };
    if (q.state == question_state::merged) out["merged_into"] = q.merged_into;
    if (!q.merged.empty()) out["merged"] = q.merged;
    if (q.reply)
        out["reply"] = {{"text", q.reply->text},
                        {"by", text_or_null(q.reply->by)},
                        {"at_ms", q.reply->at}};
    // The similar-question hint helps moderators triage; nobody else gets it.
    if (q.similar_to && view == author_view::moderator)
        out["similar_to"] = {{"id", q.similar_to->id}, {"score", q.similar_to->score}};
    return out;
}

author_view view_for(const question& q, const identity& who) {
    if (who.is_moderator()) return author_view::moderator;
    if (q.author_id == who.id && (!visible_to_readers(q.state) || q.anonymous)) return author_view::owner;
    return who.sees_affiliations() ? author_view::staff : author_view::reader;
}

nlohmann::json question_stub_json(const question& q) {
    nlohmann::json out = {{"id", q.id}, {"session", q.session}, {"state", to_string(q.state)}};
    if (q.state == question_state::merged) out["merged_into"] = q.merged_into;
    return out;
}

question_reader_view reader_view_of(const question_changed& qc) {
    if (visible_to_readers(qc.after.state)) return question_reader_view::whole;
    return qc.was_visible_to_readers ? question_reader_view::stub : question_reader_view::none;
}

}  // namespace veche::core
