#include "hub/room.hpp"

#include "common/log.hpp"
#include "common/wall_clock.hpp"
#include "core/command_dispatch.hpp"
#include "core/seed_questions.hpp"
#include "core/session_stats.hpp"
#include "core/snapshot_message.hpp"
#include "core/visibility.hpp"
#include "core/wire_messages.hpp"
#include "hub/question_index.hpp"
#include "store/request_codec.hpp"

#include <boost/asio/post.hpp>

namespace veche::hub {
namespace asio = boost::asio;

room::room(asio::io_context& ioc, const core::session_definition& def, const room_settings& settings,
           store::event_store& store, hub_metrics& metrics, store_failure_handler on_store_failure,
           std::shared_ptr<const std::atomic<std::int64_t>> backlog)
    : strand_(asio::make_strand(ioc)),
      reaction_timer_(strand_),
      metrics_(metrics),
      model_(def, settings.limits, std::make_unique<question_index>()),
      settings_(settings),
      requests_(settings.remembered),
      publisher_(def.id, settings.replay_events, 0, settings.pacing.viewers_interval, metrics),
      pipeline_(strand_, store, model_,
                commit_pipeline::hooks{[this] { return shared_from_this(); },
                                       [this](const store::write_batch& b) { committed(b); },
                                       [this](const reply& r) { send_ordered(r); }, std::move(on_store_failure)}),
      pacer_(strand_, settings_.pacing, publisher_, subscribers_, std::move(backlog), metrics,
             publish_pacer::hooks{[this] { return shared_from_this(); },
                                  [this] { publisher_.publish(subscribers_, model_, now_ms()); }}),
      committed_status_(model_.status()) {}

void room::restore(const store::stored_session& stored) {
    if (stored.status) model_.restore_status(*stored.status, stored.seq);
    for (auto q : stored.questions) {
        q.votes = 0;  // counted again from the votes below
        model_.restore_question(std::move(q));
    }
    for (const auto& [question, participant] : stored.votes) model_.restore_vote(question, participant);
    for (const auto& batch : stored.request_batches)
        store::for_each_request(batch.encoded, [&](std::string_view participant, std::string_view rid,
                                                   std::string_view reply) {
            requests_.add(participant, rid, {reply, std::nullopt}, batch.at);
        });
    for (const auto& segment : stored.transcript) model_.restore_segment(segment);
    for (const auto& p : stored.polls) model_.restore_poll(p);
    for (const auto& b : stored.ballots) model_.restore_ballot(b.poll, b.participant, b.choices);
    reactions_.restore(stored.reaction_totals);
    for (const auto& [participant, region] : stored.attendees) attendance_.note(participant, region);
    publisher_.restored(model_.seq());
    std::lock_guard lock(status_mutex_);
    committed_status_ = model_.status();
}

std::size_t room::plant_seeds() {
    auto changes = core::plant_seed_questions(model_, now_ms());
    if (changes.empty()) return 0;
    pipeline_.add(std::move(changes));
    return model_.question_count();  // a session gets seeds only while it has no question
}

core::session_status room::status() const {
    std::lock_guard lock(status_mutex_);
    return committed_status_;
}

void room::subscribe(std::shared_ptr<client_link> link, std::optional<std::string> rid,
                     std::optional<core::seq_t> since) {
    asio::post(strand_, [self = shared_from_this(), link = std::move(link), rid = std::move(rid), since] {
        if (!link->who().may_access(self->id()))
            return link->send(make_frame(
                core::error_text(rid, core::error_code::forbidden, "The token does not cover this session")));
        if (self->subscribers_.add(link)) self->metrics_.subscribers.add(1);
        auto& s = *self->subscribers_.find(link.get());
        auto& publisher = self->publisher_;
        const bool resumed = since && publisher.can_replay(*since);
        if (resumed) {
            if (auto missed = publisher.replay_frame(*since, s)) link->send(missed);
            // Lines being typed are not replayed: the current ones come along.
            std::vector<ephemeral_event> typing;
            for (const auto& line : self->model_.transcript().partials())
                typing.push_back(room_publisher::partial_event(line, now_ms()));
            if (auto f = publisher.ephemeral_frame(typing, s)) link->send(f);
            link->send(make_frame(core::subscribed_text(self->id(), publisher.published_seq(), true, rid)));
            self->metrics_.replays.inc();
        } else {
            self->send_snapshot(s);
            // After the snapshot it completes.
            self->pipeline_.send({link, make_frame(core::subscribed_text(self->id(), s.snapshot_seq, false, rid)),
                                  reply_kind::subscribed});
        }
        // After the answers: they need not wait for this to be stored.
        self->note_attendee(link->who());
        publisher.viewers_changed();
        self->pacer_.schedule();
    });
}

void room::send_snapshot(subscriber& s) {
    const auto text = core::snapshot_text(
        model_, s.link->who(), {stream_status_, static_cast<std::int64_t>(subscribers_.viewer_count())});
    // The model already holds changes still on their way to the disk: the
    // snapshot waits for them like an ack, or a crash could lose what it
    // showed and give its seq to another change. Meanwhile the subscriber
    // gets nothing; the events of those changes are in the snapshot.
    s.snapshot_seq = model_.seq();
    if (pipeline_.waiting()) ++s.snapshots_waiting;
    pipeline_.send({s.link, make_frame(text), reply_kind::snapshot});
    metrics_.snapshots.inc();
}

void room::send_ordered(const reply& r) {
    r.to->send(r.message);
    if (r.kind != reply_kind::subscribed) return;
    const auto held = subscribers_.snapshot_sent(r.to.get());
    if (const auto* s = subscribers_.find(r.to.get()); s && !held.empty())
        if (auto f = publisher_.ephemeral_frame(held, *s)) r.to->send(f);
}

void room::note_attendee(const core::identity& who) {
    // Staff are not the audience.
    if (who.role != core::role::participant) return;
    if (attendance_.note(who.id, who.affiliation.region)) pipeline_.add_attendee(who.id, who.affiliation.region);
}

void room::unsubscribe(std::shared_ptr<client_link> link, std::optional<std::string> rid) {
    asio::post(strand_, [self = shared_from_this(), link = std::move(link), rid = std::move(rid)] {
        if (self->subscribers_.remove(link.get())) {
            self->metrics_.subscribers.sub(1);
            self->publisher_.viewers_changed();
        }
        if (rid) link->send(make_frame(core::ack_text(rid, "{}")));
        self->pacer_.schedule();
    });
}

void room::drop(std::shared_ptr<client_link> link) {
    asio::post(strand_, [self = shared_from_this(), link = std::move(link)] {
        if (!self->subscribers_.remove(link.get())) return;
        self->metrics_.subscribers.sub(1);
        self->publisher_.viewers_changed();
        self->pacer_.schedule();
    });
}

void room::execute(std::shared_ptr<client_link> link, core::client_message msg) {
    asio::post(strand_, [self = shared_from_this(), link = std::move(link), msg = std::move(msg)] {
        self->handle(link, msg);
    });
}

void room::handle(const std::shared_ptr<client_link>& link, const core::client_message& msg) {
    const auto& who = link->who();
    const auto now = now_ms();
    if (msg.rid) {
        if (const auto first = requests_.find(who.id, *msg.rid, now)) {
            // Sent again: the first answer, and nothing applied twice.
            auto again = first->refused ? core::error_text(msg.rid, *first->refused, first->text)
                                        : core::ack_text(msg.rid, first->text);
            return pipeline_.send({link, make_frame(std::move(again))});
        }
    }
    if (const auto* r = std::get_if<core::react_message>(&msg.payload)) return react(who, r->kind);
    if (std::holds_alternative<core::similar_message>(msg.payload)) return answer_similar(link, msg);
    if (settings_.relay && relayed(link, msg)) return;
    const auto* range = std::get_if<core::replay_range_message>(&msg.payload);
    auto result = core::apply_command(model_, who, msg.payload, now,
                                      range && settings_.replay_reach ? settings_.replay_reach(model_.definition())
                                                                      : core::replay_reach{});
    if (result.refused) {
        metrics_.refusals.inc();
        if (result.refused->code == core::error_code::rate_limited) metrics_.rate_limited.inc();
        // Remembered too, in memory only: the same rid gets the same refusal, never a later success.
        if (msg.rid) requests_.add(who.id, *msg.rid, {result.refused->message, result.refused->code}, now);
        return link->send_reply(make_frame(core::error_text(msg.rid, result.refused->code, result.refused->message)));
    }
    metrics_.commands.inc();
    if (range)
        log::info("session ", id(), ": replay range corrected to ", range->from_ms, "..", range->to_ms, " ms by ",
                  core::to_string(who.role), " ", who.id);
    count_moderation(msg.payload);
    auto fields = result.ack.dump();
    if (result.partial) {
        // Shown at the next tick, stored never: the ack only means "received".
        publisher_.add_partial(*result.partial);
        pacer_.schedule();
        // Without a rid nobody waits for the answer: a fast typist gets no ack per keystroke.
        // Not remembered either: the line replaces itself, and keystrokes would crowd out the rids that matter.
        if (!msg.rid && !link->answers_every_request()) return;
        return pipeline_.send({link, make_frame(core::ack_text(msg.rid, fields))});
    }
    pipeline_.add(std::move(result.changes));
    pipeline_.add(std::move(result.audit));
    auto ack = make_frame(core::ack_text(msg.rid, fields));
    if (msg.rid) {
        requests_.add(who.id, *msg.rid, {fields, std::nullopt}, now);
        pipeline_.add(store::stored_request{who.id, *msg.rid, std::move(fields)});
    }
    pipeline_.send({link, std::move(ack)});
}

void room::answer_similar(const std::shared_ptr<client_link>& link, const core::client_message& msg) {
    // A look at the session as it is now, like GET …/questions: it changes
    // nothing, so nothing waits for the disk, and the rid is not remembered
    // (a participant typing sends one after another).
    const auto started = std::chrono::steady_clock::now();
    const auto result = core::apply_command(model_, link->who(), msg.payload, now_ms());
    metrics_.similar_requests.inc();
    metrics_.similar_seconds.observe(std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    if (result.refused) {
        metrics_.refusals.inc();
        if (result.refused->code == core::error_code::rate_limited) metrics_.rate_limited.inc();
        return link->send_reply(make_frame(core::error_text(msg.rid, result.refused->code, result.refused->message)));
    }
    link->send_reply(make_frame(core::ack_text(msg.rid, result.ack.dump())));
}

void room::count_moderation(const core::client_payload& payload) {
    const auto* m = std::get_if<core::moderate_message>(&payload);
    if (m && m->action == core::moderation_action::merge) metrics_.merges.inc();
    if (m && m->action == core::moderation_action::reply) metrics_.replies.inc();
}

void room::react(const core::identity& who, core::reaction_kind kind) {
    // No ack and no error for a tap too many: a reaction is worth nothing stored or answered.
    if (!who.may_access(id()) || !who.may_take_part() || !model_.react_allowed(who.id, now_ms())) {
        metrics_.reactions_dropped.inc();
        return;
    }
    metrics_.reactions.inc();
    reactions_.add(kind);
    if (reaction_window_open_) return;
    reaction_window_open_ = true;
    reaction_timer_.expires_after(std::chrono::milliseconds(reaction_counter::window_ms));
    reaction_timer_.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
        self->reaction_window_open_ = false;
        if (!ec) self->close_reaction_window();
    });
}

void room::close_reaction_window() {
    std::map<std::string, std::int64_t> grown;
    publisher_.broadcast(subscribers_, reactions_.close_window(now_ms(), grown));
    pipeline_.add_reaction_totals(grown);  // the totals are kept with the next batch
}

void room::committed(const store::write_batch& batch) {
    publisher_.add_committed(batch.changes, batch.at);
    for (const auto& c : batch.changes) {
        if (const auto* sc = std::get_if<core::session_changed>(&c.payload)) {
            std::lock_guard lock(status_mutex_);
            committed_status_ = sc->status;
        }
    }
    pacer_.schedule();
}

void room::stream_changed(std::string status) {
    asio::post(strand_, [self = shared_from_this(), status = std::move(status)] {
        if (status == self->stream_status_) return;
        self->stream_status_ = status;
        self->publisher_.broadcast(
            self->subscribers_,
            ephemeral_event{"stream", nlohmann::json{{"hall", self->hall()}, {"status", status}}.dump(), now_ms()});
    });
}

void room::visible_questions(core::identity who, std::function<void(nlohmann::json)> done) {
    asio::post(strand_, [self = shared_from_this(), who = std::move(who), done = std::move(done)] {
        auto list = nlohmann::json::array();
        for (const auto* q : self->model_.visible_questions(who)) list.push_back(core::question_json_for(*q, who));
        done({{"questions", std::move(list)}});
    });
}

void room::all_questions(std::function<void(std::vector<core::question>)> done) {
    asio::post(strand_, [self = shared_from_this(), done = std::move(done)] {
        core::identity moderator;
        moderator.role = core::role::moderator;
        std::vector<core::question> out;
        for (const auto* q : self->model_.visible_questions(moderator)) out.push_back(*q);
        done(std::move(out));
    });
}

void room::stats(std::function<void(nlohmann::json)> done) {
    asio::post(strand_, [self = shared_from_this(), done = std::move(done)] {
        done(core::stats_json(self->attendance_, self->model_.questions()));
    });
}

void room::transcript(std::function<void(std::vector<core::transcript_segment>)> done) {
    asio::post(strand_, [self = shared_from_this(), done = std::move(done)] {
        done(self->model_.transcript().finals_by_time());
    });
}

}  // namespace veche::hub
