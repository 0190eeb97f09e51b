#include "hub/room.hpp"

#include "common/log.hpp"
#include "core/command_dispatch.hpp"
#include "core/visibility.hpp"
#include "core/wire_messages.hpp"
#include "hub/frame_join.hpp"

#include <boost/asio/post.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <unordered_map>

namespace veche::hub {
namespace asio = boost::asio;
namespace {

core::epoch_ms now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

frame to_frame(const nlohmann::json& j) { return make_frame(j.dump()); }

}  // namespace

room::room(asio::io_context& ioc, const core::session_definition& def, const room_settings& settings,
           store::event_store& store, hub_metrics& metrics, std::shared_ptr<const std::atomic<std::int64_t>> backlog)
    : strand_(asio::make_strand(ioc)),
      publish_timer_(strand_),
      reaction_timer_(strand_),
      store_(store),
      metrics_(metrics),
      model_(def, settings.limits),
      settings_(settings),
      publisher_(std::make_unique<room_publisher>(def.id, settings.replay_events, 0, metrics)),
      backlog_(std::move(backlog)),
      committed_status_(model_.status()) {}

void room::restore(const store::stored_session& stored) {
    if (stored.status) model_.restore_status(*stored.status, stored.seq);
    for (auto q : stored.questions) {
        q.votes = 0;  // counted again from the votes below
        model_.restore_question(std::move(q));
    }
    for (const auto& [question, participant] : stored.votes) model_.restore_vote(question, participant);
    for (const auto& r : stored.requests) requests_.add(r.participant, r.rid, r.reply);
    for (const auto& segment : stored.transcript) model_.restore_segment(segment);
    for (const auto& p : stored.polls) model_.restore_poll(p);
    for (const auto& b : stored.ballots) model_.restore_ballot(b.poll, b.participant, b.choices);
    reactions_.restore(stored.reaction_totals);
    publisher_ = std::make_unique<room_publisher>(id(), settings_.replay_events, model_.seq(), metrics_);
    std::lock_guard lock(status_mutex_);
    committed_status_ = model_.status();
}

core::session_status room::status() const {
    std::lock_guard lock(status_mutex_);
    return committed_status_;
}

void room::subscribe(std::shared_ptr<client_link> link, std::optional<std::string> rid,
                     std::optional<core::seq_t> since) {
    asio::post(strand_, [self = shared_from_this(), link = std::move(link), rid = std::move(rid), since] {
        if (!link->who().may_access(self->id()))
            return link->send(to_frame(core::error_message(rid, core::error_code::forbidden,
                                                           "The token does not cover this session")));
        if (self->subscribers_.add(link)) self->metrics_.subscribers.add(1);
        auto& s = *self->subscribers_.find(link.get());
        const bool resumed = since && self->publisher_->can_replay(*since);
        core::seq_t seq = self->publisher_->published_seq();
        if (resumed) {
            if (auto missed = self->publisher_->replay_frame(*since, s)) link->send(missed);
            // Lines being typed are not replayed: the current ones come along.
            for (const auto& partial : self->model_.transcript().partials())
                link->send(self->publisher_->partial_frame(partial, now_ms()));
            self->metrics_.replays.inc();
        } else {
            self->send_snapshot(s);
            seq = self->model_.seq();
        }
        auto done = core::subscribed_message(self->id(), seq, resumed);
        if (rid) done["rid"] = *rid;
        if (resumed) link->send(to_frame(done));
        else self->queue_reply(link, to_frame(done), reply_kind::subscribed);  // after the snapshot it completes
        self->publisher_->viewers_changed();
        self->schedule_publish();
    });
}

void room::send_snapshot(subscriber& s) {
    const auto& who = s.link->who();
    auto questions = nlohmann::json::array();
    for (const auto* q : model_.visible_questions(who)) questions.push_back(core::question_json_for(*q, who));
    auto transcript = nlohmann::json::array();
    for (const auto& line : model_.transcript().last_finals(200)) transcript.push_back(core::segment_json(line));
    for (const auto& line : model_.transcript().partials()) transcript.push_back(core::segment_json(line));
    nlohmann::json snapshot = {
        {"type", "snapshot"},
        {"session", core::session_json(model_.definition(), model_.status())},
        {"seq", model_.seq()},
        {"questions", std::move(questions)},
        {"my_votes", model_.votes_of(who)},
        {"transcript", std::move(transcript)},
        {"polls", model_.polls_json_for(who)},
        {"my_ballots", model_.ballots_json_of(who)},
        {"stream", {{"hall", hall()}, {"status", stream_status_}}},
        {"viewers", static_cast<std::int64_t>(subscribers_.viewer_count())},
    };
    // The model already holds changes still on their way to the disk: the
    // snapshot waits for them like an ack, or a crash could lose what it
    // showed and give its seq to another change. Meanwhile the subscriber
    // gets nothing; the events of those changes are in the snapshot.
    s.snapshot_seq = model_.seq();
    if (replies_wait()) ++s.snapshots_waiting;
    queue_reply(s.link, to_frame(snapshot), reply_kind::snapshot);
    metrics_.snapshots.inc();
}

void room::unsubscribe(std::shared_ptr<client_link> link, std::optional<std::string> rid) {
    asio::post(strand_, [self = shared_from_this(), link = std::move(link), rid = std::move(rid)] {
        if (self->subscribers_.remove(link.get())) {
            self->metrics_.subscribers.sub(1);
            self->publisher_->viewers_changed();
        }
        if (rid) link->send(make_frame(core::ack_text(rid, "{}")));
        self->schedule_publish();
    });
}

void room::drop(std::shared_ptr<client_link> link) {
    asio::post(strand_, [self = shared_from_this(), link = std::move(link)] {
        if (self->subscribers_.remove(link.get())) {
            self->metrics_.subscribers.sub(1);
            self->publisher_->viewers_changed();
            self->schedule_publish();
        }
    });
}

void room::execute(std::shared_ptr<client_link> link, core::client_message msg) {
    asio::post(strand_, [self = shared_from_this(), link = std::move(link), msg = std::move(msg)]() mutable {
        self->handle(link, msg);
    });
}

void room::handle(const std::shared_ptr<client_link>& link, core::client_message& msg) {
    const auto& who = link->who();
    if (msg.rid) {
        if (const auto* first = requests_.find(who.id, *msg.rid)) {
            // Sent again: the first answer, and nothing applied twice.
            return queue_reply(link, make_frame(core::ack_text(msg.rid, *first)));
        }
    }
    if (const auto* r = std::get_if<core::react_message>(&msg.payload)) return react(who, r->kind);
    auto result = core::apply_command(model_, who, msg.payload, now_ms());
    if (result.refused) {
        metrics_.refusals.inc();
        if (result.refused->code == core::error_code::rate_limited) metrics_.rate_limited.inc();
        return link->send_reply(to_frame(core::error_message(msg.rid, result.refused->code, result.refused->message)));
    }
    metrics_.commands.inc();
    for (auto& c : result.changes) pending_changes_.push_back(std::move(c));
    if (result.partial) {
        // Shown at the next tick, stored never: the ack only means "received".
        if (!publisher_->has_events()) events_since_ = std::chrono::steady_clock::now();
        publisher_->add_partial(*result.partial);
        schedule_publish();
        // Without a rid nobody waits for the answer: a fast typist gets no ack per keystroke.
        if (!msg.rid) return;
        return queue_reply(link, make_frame(core::ack_text(msg.rid, result.ack.dump())));
    }
    auto fields = result.ack.dump();
    auto ack = make_frame(core::ack_text(msg.rid, fields));
    if (msg.rid) {
        requests_.add(who.id, *msg.rid, fields);
        pending_requests_.push_back({who.id, *msg.rid, std::move(fields)});
    }
    queue_reply(link, std::move(ack));
}

void room::react(const core::identity& who, std::size_t kind) {
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
    auto f = reactions_.close_window(id(), publisher_->published_seq(), now_ms(), pending_reaction_totals_);
    publisher_->broadcast(subscribers_, f);
    schedule_flush();  // the totals are kept with the next batch
}

bool room::next_batch_has_work() const {
    return !pending_changes_.empty() || !pending_requests_.empty() || !pending_replies_.empty() ||
           !pending_reaction_totals_.empty();
}

bool room::replies_wait() const { return in_flight_ > 0 || next_batch_has_work(); }

void room::queue_reply(const std::shared_ptr<client_link>& link, frame message, reply_kind kind) {
    // Something earlier is not durable yet: this answer waits for it, so an
    // ack never gets ahead of the change it depends on.
    if (replies_wait()) {
        pending_replies_.push_back(reply{link, std::move(message), kind});
        return schedule_flush();
    }
    send_reply(reply{link, std::move(message), kind});
}

void room::send_reply(const reply& r) {
    if (r.kind == reply_kind::answer) return r.to->send_reply(r.message);
    r.to->send(r.message);
    if (r.kind == reply_kind::subscribed)
        for (auto& f : subscribers_.snapshot_sent(r.to.get())) r.to->send(std::move(f));
}

void room::schedule_flush() {
    if (flush_posted_) return;
    flush_posted_ = true;
    // Posted, not called: commands already queued on the strand join this batch.
    asio::post(strand_, [self = shared_from_this()] { self->flush(); });
}

void room::flush() {
    flush_posted_ = false;
    if (!next_batch_has_work()) return;
    auto batch = std::make_shared<store::write_batch>();
    batch->session = id();
    batch->status = model_.status();
    batch->seq = model_.seq();
    batch->changes = std::move(pending_changes_);
    batch->requests = std::move(pending_requests_);
    batch->reaction_totals = std::move(pending_reaction_totals_);
    pending_changes_.clear();
    pending_requests_.clear();
    pending_reaction_totals_.clear();
    auto job = std::make_shared<in_flight>(in_flight{batch, std::move(pending_replies_)});
    pending_replies_.clear();
    ++in_flight_;
    store_.submit(batch, [self = shared_from_this(), job](bool ok) {
        asio::post(self->strand_, [self, job, ok] { self->committed(*job, ok); });
    });
}

void room::committed(const in_flight& done, bool ok) {
    --in_flight_;
    if (!ok) {
        // Nothing of this batch is on disk, and the model already holds it:
        // stop rather than acknowledge or show what may be lost. Clients
        // retry with the same rid after the restart.
        log::error("store failed for session ", id(), ": stopping the server");
        std::_Exit(70);
    }
    if (!publisher_->has_events() && !done.batch->changes.empty()) events_since_ = std::chrono::steady_clock::now();
    publisher_->add_committed(done.batch->changes, now_ms());
    for (const auto& c : done.batch->changes) {
        if (std::holds_alternative<core::session_changed>(c.payload)) {
            std::lock_guard lock(status_mutex_);
            committed_status_ = std::get<core::session_changed>(c.payload).status;
        }
    }
    send_replies(done.replies);
    schedule_publish();
}

void room::send_replies(const std::vector<reply>& replies) {
    // A client with many requests in flight gets the answers of one commit
    // in one frame: one write instead of dozens.
    std::vector<std::pair<client_link*, std::vector<frame>>> answers;
    std::unordered_map<client_link*, std::size_t> index;
    for (const auto& r : replies) {
        auto [it, fresh] = index.try_emplace(r.to.get(), answers.size());
        if (fresh) answers.emplace_back(r.to.get(), std::vector<frame>{});
        auto& waiting = answers[it->second].second;
        if (r.kind == reply_kind::answer) {
            waiting.push_back(r.message);
            continue;
        }
        // A snapshot: the answers that came before it stay before it.
        if (!waiting.empty()) r.to->send_reply(join_items(waiting));
        waiting.clear();
        send_reply(r);
    }
    for (auto& [to, waiting] : answers)
        if (!waiting.empty()) to->send_reply(join_items(waiting));
}

void room::schedule_publish() {
    const auto now = std::chrono::steady_clock::now();
    if (publisher_->has_events()) {
        // Bursts become one frame per audience per tick; a bigger audience gets a
        // longer tick (5 ms up to 50 ms) so the fan-out stays within what the
        // sockets can take.
        const auto tick = std::chrono::milliseconds(
            std::clamp<std::int64_t>(static_cast<std::int64_t>(subscribers_.size() / 200), 5, 50));
        arm_publish(std::max(now, last_publish_ + tick));
    } else if (publisher_->viewers_pending()) {
        arm_publish(now + std::chrono::milliseconds(std::max<core::epoch_ms>(0, publisher_->viewers_due() - now_ms())));
    }
}

void room::arm_publish(std::chrono::steady_clock::time_point at) {
    if (publish_armed_ && at >= armed_for_) return;
    publish_armed_ = true;
    armed_for_ = at;
    // Re-arming cancels the earlier wait; its handler sees a newer generation and does nothing.
    const auto generation = ++publish_generation_;
    publish_timer_.expires_at(at);
    publish_timer_.async_wait([self = shared_from_this(), generation](const boost::system::error_code& ec) {
        if (generation != self->publish_generation_) return;
        self->publish_armed_ = false;
        if (!ec) self->publish_now();
    });
}

void room::publish_now() {
    const auto now = std::chrono::steady_clock::now();
    // Self-clocking fan-out: while the sockets still hold many unsent frames
    // the next frame waits (up to max_publish_delay) and carries everything that came
    // meanwhile, so under load there are fewer, fuller frames instead of a
    // growing queue of small ones.
    const auto behind = backlog_ ? backlog_->load(std::memory_order_relaxed) : 0;
    const auto allowed = static_cast<std::int64_t>(std::max<std::size_t>(256, subscribers_.size() / 8));
    if (publisher_->has_events() && behind > allowed && now - events_since_ < settings_.max_publish_delay) {
        metrics_.publish_deferrals.inc();
        return arm_publish(now + std::chrono::milliseconds(5));
    }
    last_publish_ = now;
    publisher_->publish(subscribers_, model_, now_ms());
    schedule_publish();  // a viewer count held back by its once-a-second limit
}

void room::visible_questions(core::identity who, std::function<void(nlohmann::json)> done) {
    asio::post(strand_, [self = shared_from_this(), who = std::move(who), done = std::move(done)] {
        auto list = nlohmann::json::array();
        for (const auto* q : self->model_.visible_questions(who)) list.push_back(core::question_json_for(*q, who));
        done({{"questions", std::move(list)}});
    });
}

void room::stream_changed(std::string status) {
    asio::post(strand_, [self = shared_from_this(), status = std::move(status)] {
        if (status == self->stream_status_) return;
        self->stream_status_ = status;
        // Not a stored change: it carries the latest seq and is not replayed (snapshots have it).
        auto event = core::event_message(self->id(), self->publisher_->published_seq(), now_ms(), "stream",
                                         {{"hall", self->hall()}, {"status", status}});
        self->publisher_->broadcast(self->subscribers_, to_frame(event));
    });
}

void room::transcript(std::function<void(std::vector<core::transcript_segment>)> done) {
    asio::post(strand_, [self = shared_from_this(), done = std::move(done)] {
        done(self->model_.transcript().finals_by_time());
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

}  // namespace veche::hub
