#include "store/store_loader.hpp"

#include "store/request_codec.hpp"

#include <nlohmann/json.hpp>

namespace veche::store {

std::map<std::string, stored_session> load_sessions(sqlite_connection& db, core::epoch_ms oldest_request) {
    std::map<std::string, stored_session> out;

    sqlite_statement sessions(db.handle(), "SELECT id, state, qa_open, moderation, seq FROM sessions");
    while (sessions.next_row()) {
        auto& s = out[sessions.text(0)];
        core::session_status status;
        status.state = core::parse_enum<core::session_state>(sessions.text(1)).value_or(core::session_state::scheduled);
        status.qa_open = sessions.integer(2) != 0;
        status.moderation = core::parse_enum<core::moderation_mode>(sessions.text(3)).value_or(core::moderation_mode::pre);
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
        q.state = core::parse_enum<core::question_state>(questions.text(6)).value_or(core::question_state::pending);
        q.highlighted = questions.integer(7) != 0;
        q.edited = questions.integer(8) != 0;
        q.created_at = questions.integer(9);
        out[q.session].questions.push_back(std::move(q));
    }

    sqlite_statement votes(db.handle(),
                           "SELECT q.session, v.question, v.participant FROM votes v JOIN questions q ON q.id = v.question");
    while (votes.next_row()) out[votes.text(0)].votes.emplace_back(votes.text(1), votes.text(2));

    sqlite_statement transcript(db.handle(),
                                "SELECT session, id, text, start_ms, end_ms, speaker, lang FROM transcript ORDER BY seq");
    while (transcript.next_row()) {
        core::transcript_segment s;
        s.session = transcript.text(0);
        s.id = transcript.text(1);
        s.text = transcript.text(2);
        s.final = true;
        s.start_ms = transcript.integer(3);
        s.end_ms = transcript.integer(4);
        if (!transcript.is_null(5)) s.speaker = transcript.text(5);
        if (!transcript.is_null(6)) s.lang = transcript.text(6);
        out[s.session].transcript.push_back(std::move(s));
    }

    sqlite_statement polls(db.handle(),
                           "SELECT id, session, question, options, multi, live_results, state, created_at FROM polls "
                           "ORDER BY created_at, id");
    while (polls.next_row()) {
        core::poll p;
        p.id = polls.text(0);
        p.session = polls.text(1);
        p.question = polls.text(2);
        p.options = nlohmann::json::parse(polls.text(3)).get<std::vector<std::string>>();
        p.multi = polls.integer(4) != 0;
        p.live_results = polls.integer(5) != 0;
        p.state = core::parse_enum<core::poll_state>(polls.text(6)).value_or(core::poll_state::draft);
        p.created_at = polls.integer(7);
        out[p.session].polls.push_back(std::move(p));
    }

    sqlite_statement ballots(db.handle(),
                             "SELECT p.session, b.poll, b.participant, b.choices FROM ballots b JOIN polls p ON p.id = b.poll");
    while (ballots.next_row())
        out[ballots.text(0)].ballots.push_back(
            {ballots.text(1), ballots.text(2), nlohmann::json::parse(ballots.text(3)).get<std::vector<std::uint32_t>>()});

    sqlite_statement reactions(db.handle(), "SELECT session, kind, total FROM reaction_totals");
    while (reactions.next_row()) out[reactions.text(0)].reaction_totals[reactions.text(1)] = reactions.integer(2);

    // Oldest first, so a room that keeps only each participant's last rids keeps the right ones.
    sqlite_statement requests(db.handle(),
                              "SELECT session, at_ms, requests FROM request_batches WHERE at_ms >= ?1 ORDER BY rowid");
    requests.bind(1, oldest_request);
    while (requests.next_row()) {
        auto& list = out[requests.text(0)].requests;
        const auto first = list.size();
        decode_requests(requests.blob(2), list);
        for (auto i = first; i < list.size(); ++i) list[i].at = requests.integer(1);
    }
    return out;
}

}  // namespace veche::store
