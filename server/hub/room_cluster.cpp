// The room's part in a cluster (docs/cluster.md): replicating the log,
// forwarding commands to the sequencer, taking the session over.
#include "hub/room.hpp"

#include "core/seed_questions.hpp"
#include "core/wire_messages.hpp"
#include "common/log.hpp"
#include "common/wall_clock.hpp"

#include <boost/asio/post.hpp>

namespace veche::hub {
namespace asio = boost::asio;

bool room::relayed(const std::shared_ptr<client_link>& link, const core::client_message& msg) {
    auto& relay = *settings_.relay;
    if (relay.sequences(id())) {
        if (relay.reachable()) return false;
        // Applied now, it could not be stored: the client retries (with the same rid) once the log is back.
        metrics_.refusals.inc();
        link->send_reply(make_frame(core::error_text(msg.rid, core::error_code::internal,
                                                     "The forum's log cannot be reached now; retry")));
        return true;
    }
    // A line being typed without a rid on a connection that wants no answer per keystroke: none comes back.
    const bool quiet = !msg.rid && !link->answers_every_request() &&
                       std::holds_alternative<core::transcript_message>(msg.payload);
    relay.forward(id(), link->who(), msg.text,
                  [self = shared_from_this(), link, rid = msg.rid, quiet](std::optional<relayed_answer> answer) {
                      asio::post(self->strand_, [self, link, rid, quiet, answer = std::move(answer)] {
                          if (quiet) return;
                          if (!answer)
                              return link->send_reply(make_frame(core::error_text(
                                  rid, core::error_code::internal, "The session's sequencer cannot be reached now; retry")));
                          self->held_.send_when(answer->seq, self->model_.seq(), link, make_frame(answer->text));
                      });
                  });
    return true;
}

void room::replicate(std::shared_ptr<const store::write_batch> batch) {
    asio::post(strand_, [self = shared_from_this(), batch = std::move(batch)] {
        auto& model = self->model_;
        for (const auto& r : batch->requests)
            if (!self->requests_.find(r.participant, r.rid, batch->at))
                self->requests_.add(r.participant, r.rid, {r.reply, std::nullopt}, batch->at);
        // Changes this node sequenced itself are in the model already (and published by the pipeline).
        bool fresh = false;
        for (const auto& c : batch->changes)
            if (c.seq > model.seq()) {
                model.replay(c);
                fresh = true;
            }
        if (!fresh) return;
        if (!batch->reaction_totals.empty()) self->reactions_.restore(batch->reaction_totals);
        for (const auto& [participant, region] : batch->attendees) self->attendance_.note(participant, region);
        self->committed(*batch);
        self->held_.release(model.seq());
    });
}

void room::take_over(std::function<void()> started) {
    asio::post(strand_, [self = shared_from_this(), started = std::move(started)] {
        started();
        if (self->model_.seq() > 0) return;
        if (const auto asked = self->plant_seeds())
            log::info("session ", self->id(), ": asked its ", asked, " seed questions");
    });
}

}  // namespace veche::hub
