#include "store/store_loader.hpp"

namespace veche::store {

std::map<std::string, stored_session> load_sessions(sqlite_connection& db) {
    std::map<std::string, stored_session> out;

    sqlite_statement sessions(db.handle(), "SELECT id, state, qa_open, moderation, seq FROM sessions");
    while (sessions.next_row()) {
        auto& s = out[sessions.text(0)];
        core::session_status status;
        status.state = core::parse_session_state(sessions.text(1)).value_or(core::session_state::scheduled);
        status.qa_open = sessions.integer(2) != 0;
        status.moderation = core::parse_moderation_mode(sessions.text(3)).value_or(core::moderation_mode::pre);
        s.status = status;
        s.seq = static_cast<core::seq_t>(sessions.integer(4));
    }

    sqlite_statement questions(db.handle(),
                               "SELECT id, session, text, author_id, author_name, anonymous, state, highlighted, "
                               "edited, created_at FROM questions ORDER BY session, created_at, id");
    while (questions.next_row()) {
        core::question q;
        q.id = questions.text(0);
        q.session = questions.text(1);
        q.text = questions.text(2);
        q.author_id = questions.text(3);
        q.author_name = questions.text(4);
        q.anonymous = questions.integer(5) != 0;
        q.state = core::parse_question_state(questions.text(6)).value_or(core::question_state::pending);
        q.highlighted = questions.integer(7) != 0;
        q.edited = questions.integer(8) != 0;
        q.created_at = questions.integer(9);
        out[q.session].questions.push_back(std::move(q));
    }

    sqlite_statement votes(db.handle(),
                           "SELECT q.session, v.question, v.participant FROM votes v JOIN questions q ON q.id = v.question");
    while (votes.next_row()) out[votes.text(0)].votes.emplace_back(votes.text(1), votes.text(2));

    sqlite_statement requests(db.handle(), "SELECT session, participant, rid, reply FROM requests");
    while (requests.next_row())
        out[requests.text(0)].requests.push_back({requests.text(1), requests.text(2), requests.text(3)});
    return out;
}

}  // namespace veche::store
