#include "store/store_loader.hpp"

#include "store/column_reader.hpp"

namespace veche::store {
namespace {

// A question's `merged` list is not stored: it is every question merged
// into it, in the order they were asked (the order they were read in).
void link_merged(std::vector<core::question>& questions) {
    std::map<std::string, core::question*> by_id;
    for (auto& q : questions) by_id[q.id] = &q;
    for (const auto& q : questions)
        if (const auto target = by_id.find(q.merged_into); !q.merged_into.empty() && target != by_id.end())
            target->second->merged.push_back(q.id);
}

}  // namespace

std::map<std::string, stored_session> load_sessions(sqlite_connection& db, core::epoch_ms oldest_request) {
    std::map<std::string, stored_session> out;

    sqlite_statement sessions(db.handle(),
                              "SELECT id, seq, state, qa_open, moderation, replay_from_ms, replay_to_ms FROM sessions");
    while (sessions.next_row()) {
        column_reader row(sessions);
        auto& s = out[row.text()];
        s.seq = static_cast<core::seq_t>(row.integer());
        s.status = core::session_status{.state = row.name(core::session_state::scheduled),
                                        .qa_open = row.flag(),
                                        .moderation = row.name(core::moderation_mode::pre),
                                        .replay = std::nullopt};
        if (!sessions.is_null(5) && !sessions.is_null(6))
            s.status->replay = core::replay_range{sessions.integer(5), sessions.integer(6)};
    }

    sqlite_statement questions(db.handle(),
                               "SELECT id, session, text, author_id, author_name, author_org, author_region, "
                               "author_verified, anonymous, state, highlighted, edited, created_at, merged_into, "
                               "similar_id, similar_score, reply_text, reply_by, reply_at_ms FROM questions "
                               "ORDER BY session, created_at, id");
    while (questions.next_row()) {
        column_reader row(questions);
        core::question q{.id = row.text(), .session = row.text(), .text = row.text(), .author_id = row.text(),
                         .author_name = row.text(),
                         .author_affiliation = {.org = row.text(), .region = row.text(), .verified = row.flag()},
                         .anonymous = row.flag(),
                         .state = row.name(core::question_state::pending), .highlighted = row.flag(),
                         .edited = row.flag(), .created_at = row.integer(),
                         .merged_into = row.optional_text().value_or(""), .merged = {}, .similar_to = {},
                         .reply = {}};
        auto similar_id = row.optional_text();
        const auto similar_score = row.integer();  // thousandths
        if (similar_id) q.similar_to = core::similar_hint{std::move(*similar_id), static_cast<double>(similar_score) / 1000};
        auto reply_text = row.optional_text();
        auto reply_by = row.text();
        const auto reply_at = row.integer();
        if (reply_text) q.reply = core::written_reply{std::move(*reply_text), std::move(reply_by), reply_at};
        out[q.session].questions.push_back(std::move(q));
    }
    for (auto& [id, session] : out) link_merged(session.questions);

    sqlite_statement votes(db.handle(),
                           "SELECT q.session, v.question, v.participant FROM votes v JOIN questions q ON q.id = v.question");
    while (votes.next_row()) out[votes.text(0)].votes.emplace_back(votes.text(1), votes.text(2));

    sqlite_statement transcript(db.handle(),
                                "SELECT id, session, text, start_ms, end_ms, speaker, lang FROM transcript ORDER BY seq");
    while (transcript.next_row()) {
        column_reader row(transcript);
        core::transcript_segment s{.id = row.text(), .session = row.text(), .text = row.text(), .final = true,
                                   .start_ms = row.integer(), .end_ms = row.integer(),
                                   .speaker = row.optional_text(), .lang = row.optional_text()};
        out[s.session].transcript.push_back(std::move(s));
    }

    sqlite_statement polls(db.handle(),
                           "SELECT id, session, question, options, multi, live_results, formal, state, created_at FROM polls "
                           "ORDER BY created_at, id");
    while (polls.next_row()) {
        column_reader row(polls);
        core::poll p{.id = row.text(), .session = row.text(), .question = row.text(),
                     .options = row.json<std::vector<std::string>>(), .multi = row.flag(), .live_results = row.flag(),
                     .formal = row.flag(), .state = row.name(core::poll_state::draft), .created_at = row.integer(), .counts = {}};
        out[p.session].polls.push_back(std::move(p));
    }

    sqlite_statement ballots(db.handle(),
                             "SELECT p.session, b.poll, b.participant, b.choices FROM ballots b JOIN polls p ON p.id = b.poll");
    while (ballots.next_row()) {
        column_reader row(ballots);
        auto& list = out[row.text()].ballots;
        list.push_back({row.text(), row.text(), row.json<std::vector<std::uint32_t>>()});
    }

    sqlite_statement attendees(db.handle(), "SELECT session, participant, region FROM attendees");
    while (attendees.next_row()) out[attendees.text(0)].attendees.emplace_back(attendees.text(1), attendees.text(2));

    sqlite_statement reactions(db.handle(), "SELECT session, kind, total FROM reaction_totals");
    while (reactions.next_row()) out[reactions.text(0)].reaction_totals[reactions.text(1)] = reactions.integer(2);

    // Oldest first, so a room that keeps only each participant's last rids keeps the right ones.
    sqlite_statement requests(db.handle(),
                              "SELECT session, at_ms, requests FROM request_batches WHERE at_ms >= ?1 ORDER BY rowid");
    requests.bind(1, oldest_request);
    while (requests.next_row()) {
        column_reader row(requests);
        auto& session = out[row.text()];
        session.request_batches.push_back({row.integer(), std::string(requests.blob(2))});
    }
    return out;
}

}  // namespace veche::store
