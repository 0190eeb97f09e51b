#pragma once

#include "auth/token_codec.hpp"
#include "hub/hub.hpp"
#include "net/replay_source.hpp"
#include "net/router.hpp"
#include "net/timeline_source.hpp"

#include <memory>
#include <optional>

namespace veche::net {

// The routes under /api/v1/sessions/{id}/ that a session's room answers:
//   GET  questions       any token for the session: what the caller may see, in queue order
//   GET  questions.csv   moderators: every question
//   GET  stats           speakers and moderators: participants, askers and questions by region
//   POST transcript      captioners (the room checks the role): a segment, answered once stored
//   GET  transcript.vtt, transcript.json   anyone: the final lines (.vtt?clock=program: on the replay's clock)
//   GET  timeline.json   anyone: the stored events as participants saw them, for the replay (contract 7.5)
class session_routes {
public:
    session_routes(hub::hub& rooms, const auth::token_codec& tokens, const replay_source& replays,
                   const timeline_source& timelines)
        : rooms_(rooms), tokens_(tokens), replays_(replays), timelines_(timelines) {}

    void install(router& r);

private:
    // Who may call a route: anyone, the holder of any valid token (the room
    // checks the rest), a token that covers the session, a speaker's or a moderator's.
    enum class access { anyone, any_token, session_token, staff, moderator };
    struct caller {
        std::optional<core::identity> who;
        std::shared_ptr<hub::room> room;  // null: refused, the response is sent
    };
    caller check(const request_context& ctx, const responder& respond, access needed) const;

    void questions(request_context& ctx, const responder& respond) const;
    void questions_csv(request_context& ctx, const responder& respond) const;
    void stats(request_context& ctx, const responder& respond) const;
    void post_transcript(request_context& ctx, const responder& respond) const;
    void transcript(request_context& ctx, const responder& respond, bool webvtt) const;
    void timeline(request_context& ctx, const responder& respond) const;

    hub::hub& rooms_;
    const auth::token_codec& tokens_;
    const replay_source& replays_;
    const timeline_source& timelines_;
};

}  // namespace veche::net
