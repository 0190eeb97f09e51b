#include "core/visibility.hpp"

namespace veche::core {

bool visible_to_readers(question_state s) { return s == question_state::approved || s == question_state::answered; }

bool visible_to(const question& q, const identity& who) {
    return who.is_moderator() || visible_to_readers(q.state) || q.author_id == who.id;
}

nlohmann::json question_json(const question& q, bool show_anonymous_author) {
    nlohmann::json author = nullptr;
    if (!q.anonymous || show_anonymous_author)
        author = {{"id", q.author_id}, {"name", q.author_name.empty() ? nlohmann::json(nullptr) : nlohmann::json(q.author_name)}};
    return {
        {"id", q.id},
        {"session", q.session},
        {"text", q.text},
        {"author", std::move(author)},
        {"anonymous", q.anonymous},
        {"state", to_string(q.state)},
        {"highlighted", q.highlighted},
        {"votes", q.votes},
        {"created_at", format_rfc3339(q.created_at)},
        {"edited", q.edited},
    };
}

nlohmann::json question_json_for(const question& q, const identity& who) {
    return question_json(q, who.is_moderator() || q.author_id == who.id);
}

nlohmann::json question_stub_json(const question& q) {
    return {{"id", q.id}, {"session", q.session}, {"state", to_string(q.state)}};
}

question_reader_view reader_view_of(const question_changed& qc) {
    if (visible_to_readers(qc.after.state)) return question_reader_view::whole;
    return qc.was_visible_to_readers ? question_reader_view::stub : question_reader_view::none;
}

}  // namespace veche::core
