#include "store/batch_writer.hpp"

#include "core/change_codec.hpp"
#include "core/overloaded.hpp"
#include "store/request_codec.hpp"

#include <nlohmann/json.hpp>
#include <unordered_set>

#include <cmath>

namespace veche::store {

batch_writer::batch_writer(sqlite_connection& db)
    : upsert_session_(db.handle(),
                      "INSERT INTO sessions(id, state, qa_open, moderation, seq, replay_from_ms, replay_to_ms) "
                      "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(id) DO UPDATE SET state = ?2, qa_open = ?3, "
                      "moderation = ?4, seq = max(seq, ?5), replay_from_ms = ?6, replay_to_ms = ?7"),
      upsert_question_(db.handle(),
                       "INSERT INTO questions(id, session, text, author_id, author_name, anonymous, state, "
                       "highlighted, edited, created_at, author_org, author_region, author_verified, merged_into, "
                       "similar_id, similar_score, reply_text, reply_by, reply_at_ms) "
                       "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19) "
                       "ON CONFLICT(id) DO UPDATE SET text = ?3, state = ?7, highlighted = ?8, edited = ?9, "
                       "merged_into = ?14, similar_id = ?15, similar_score = ?16, reply_text = ?17, reply_by = ?18, "
                       "reply_at_ms = ?19"),
      insert_vote_(db.handle(), "INSERT OR IGNORE INTO votes(question, participant) VALUES(?1, ?2)"),
      delete_vote_(db.handle(), "DELETE FROM votes WHERE question = ?1 AND participant = ?2"),
      insert_requests_(db.handle(), "INSERT INTO request_batches(session, at_ms, requests) VALUES(?1, ?2, ?3)"),
      upsert_segment_(db.handle(),
                      "INSERT INTO transcript(session, id, text, start_ms, end_ms, speaker, lang, seq) "
                      "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT(session, id) DO UPDATE SET "
                      "text = ?3, start_ms = ?4, end_ms = ?5, speaker = ?6, lang = ?7"),
      upsert_poll_(db.handle(),
                   "INSERT INTO polls(id, session, question, options, multi, live_results, state, created_at, formal) "
                   "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT(id) DO UPDATE SET state = ?7, live_results = ?6"),
      upsert_ballot_(db.handle(),
                     "INSERT INTO ballots(poll, participant, choices) VALUES(?1, ?2, ?3) "
                     "ON CONFLICT(poll, participant) DO UPDATE SET choices = ?3"),
      upsert_attendee_(db.handle(),
                       "INSERT INTO attendees(session, participant, region) VALUES(?1, ?2, ?3) "
                       "ON CONFLICT(session, participant) DO UPDATE SET region = ?3"),
      upsert_reactions_(db.handle(),
                        "INSERT INTO reaction_totals(session, kind, total) VALUES(?1, ?2, ?3) "
                        "ON CONFLICT(session, kind) DO UPDATE SET total = max(total, ?3)"),
      // The rule of session_times_book::note: a replay runs from the first live to the last end. Every
      // session_changed comes here, also one that left the state as it was (Q&A closed after the end).
      set_times_(db.handle(),
                 "UPDATE sessions SET live_at_ms = CASE WHEN ?2 = 'live' THEN coalesce(live_at_ms, ?3) ELSE live_at_ms END, "
                 "ended_at_ms = CASE WHEN ?2 = 'live' THEN NULL WHEN ?2 = 'ended' AND live_at_ms IS NOT NULL "
                 "THEN coalesce(ended_at_ms, ?3) ELSE ended_at_ms END WHERE id = ?1"),
      // A retried batch finds its rows there already.
      insert_log_(db.handle(), "INSERT OR IGNORE INTO session_log(session, seq, at_ms, change) VALUES(?1, ?2, ?3, ?4)"),
      audit_(db) {}

void batch_writer::write(const write_batch& batch) {
    for (const auto& c : batch.changes) write_change(batch.session, c);
    write_log(batch);
    audit_.write(batch.session, batch.audit);
    for (const auto& [kind, total] : batch.reaction_totals)
        upsert_reactions_.bind(1, batch.session).bind(2, kind).bind(3, total).run();
    for (const auto& [participant, region] : batch.attendees)
        upsert_attendee_.bind(1, batch.session).bind(2, participant).bind(3, region).run();
    // One row for every request of the batch: a retried rid is found in it at start-up.
    if (!batch.requests.empty())
        insert_requests_.bind(1, batch.session).bind(2, batch.at).bind_blob(3, encode_requests(batch.requests)).run();
    upsert_session_.bind(1, batch.session)
        .bind(2, core::to_string(batch.status.state))
        .bind(3, std::int64_t{batch.status.qa_open})
        .bind(4, core::to_string(batch.status.moderation))
        .bind(5, static_cast<std::int64_t>(batch.seq));
    if (const auto& r = batch.status.replay) upsert_session_.bind(6, r->from_ms).bind(7, r->to_ms);
    upsert_session_.run();
    for (const auto& c : batch.changes)
        if (const auto* sc = std::get_if<core::session_changed>(&c.payload))
            set_times_.bind(1, batch.session).bind(2, core::to_string(sc->status.state)).bind(3, batch.at).run();
}

void batch_writer::write_log(const write_batch& batch) {
    // Walking back, the first vote seen for a question is its last in the batch.
    std::unordered_set<std::string_view> voted, balloted;
    std::vector<const core::change*> kept;
    kept.reserve(batch.changes.size());
    for (auto it = batch.changes.rbegin(); it != batch.changes.rend(); ++it) {
        if (const auto* v = std::get_if<core::vote_changed>(&it->payload); v && !voted.insert(v->question_id).second)
            continue;
        if (const auto* b = std::get_if<core::ballot_cast>(&it->payload); b && !balloted.insert(b->poll_id).second)
            continue;
        kept.push_back(&*it);
    }
    for (auto it = kept.rbegin(); it != kept.rend(); ++it)
        insert_log_.bind(1, batch.session)
            .bind(2, static_cast<std::int64_t>((*it)->seq))
            .bind(3, batch.at)
            .bind(4, core::change_text(**it))
            .run();
}

void batch_writer::write_change(const std::string& session, const core::change& c) {
    std::visit(core::overloaded{
                   [&](const core::question_changed& qc) {
                       const auto& q = qc.after;
                       upsert_question_.bind(1, q.id)
                           .bind(2, q.session)
                           .bind(3, q.text)
                           .bind(4, q.author_id)
                           .bind(5, q.author_name)
                           .bind(6, std::int64_t{q.anonymous})
                           .bind(7, core::to_string(q.state))
                           .bind(8, std::int64_t{q.highlighted})
                           .bind(9, std::int64_t{q.edited})
                           .bind(10, q.created_at)
                           .bind(11, q.author_affiliation.org)
                           .bind(12, q.author_affiliation.region)
                           .bind(13, std::int64_t{q.author_affiliation.verified});
                       // Unbound parameters are NULL: no merge, hint or reply.
                       if (q.state == core::question_state::merged) upsert_question_.bind(14, q.merged_into);
                       if (q.similar_to)
                           upsert_question_.bind(15, q.similar_to->id)
                               .bind(16, static_cast<std::int64_t>(std::lround(q.similar_to->score * 1000)));
                       if (q.reply) upsert_question_.bind(17, q.reply->text).bind(18, q.reply->by).bind(19, q.reply->at);
                       upsert_question_.run();
                   },
                   [&](const core::vote_changed& vc) {
                       (vc.on ? insert_vote_ : delete_vote_).bind(1, vc.question_id).bind(2, vc.participant).run();
                   },
                   [&](const core::segment_finalized& sf) {
                       const auto& s = sf.segment;
                       upsert_segment_.bind(1, session).bind(2, s.id).bind(3, s.text).bind(4, s.start_ms).bind(5, s.end_ms);
                       if (s.speaker) upsert_segment_.bind(6, *s.speaker);
                       if (s.lang) upsert_segment_.bind(7, *s.lang);
                       upsert_segment_.bind(8, static_cast<std::int64_t>(c.seq)).run();
                   },
                   [&](const core::poll_changed& pc) {
                       const auto& p = pc.after;
                       upsert_poll_.bind(1, p.id)
                           .bind(2, p.session)
                           .bind(3, p.question)
                           .bind(4, nlohmann::json(p.options).dump())
                           .bind(5, std::int64_t{p.multi})
                           .bind(6, std::int64_t{p.live_results})
                           .bind(7, core::to_string(p.state))
                           .bind(8, p.created_at)
                           .bind(9, std::int64_t{p.formal})
                           .run();
                   },
                   [&](const core::ballot_cast& bc) {
                       upsert_ballot_.bind(1, bc.poll_id)
                           .bind(2, bc.participant)
                           .bind(3, nlohmann::json(bc.choices).dump())
                           .run();
                   },
                   // No row of its own: every batch writes the session's status.
                   [&](const core::session_changed&) {},
               },
               c.payload);
}

}  // namespace veche::store
