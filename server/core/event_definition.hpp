#pragma once
// The forum as the organisers configured it: halls and the sessions in them.
// Immutable while the server runs; what changes during a session lives in
// session_status.

#include "core/enum_text.hpp"
#include "core/source_uri.hpp"
#include "core/time_format.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace veche::core {

enum class moderation_mode { pre, post };

template <>
inline constexpr std::string_view enum_names<moderation_mode> = "pre post";

struct speaker_info {
    std::string name;
    std::string title;
};

// One rendition of a hall's video (docs/protocol.md, "Video"): the rung whose height is the source's is relayed as it
// comes, the others are encoded from the decoded source.
struct rung_definition {
    std::string name;  // an id: it is a path segment, /hls/{hall}/{rung}/index.m3u8
    int height = 0;    // lines, even
    int video_kbps = 0;
};

struct hall_definition {
    std::string id;
    std::string name;
    source_uri source;                   // where the hall's program feed comes from
    std::vector<rung_definition> ladder;  // tallest first; empty: the source alone, as it comes
    bool audio_only = false;             // also offer the source's audio alone
};

// A question a session starts with (the demo forum's examples): asked once,
// when the store holds nothing of the session yet.
struct seed_question {
    std::string text;
    std::string author;     // a display name
    bool approved = false;  // in the queue at once; else incoming
};

struct session_definition {
    std::string id;
    std::string hall;
    std::string title;
    std::string kind;
    epoch_ms starts_at = 0;
    epoch_ms ends_at = 0;
    std::vector<speaker_info> speakers;
    moderation_mode moderation = moderation_mode::pre;
    bool qa_open = true;
    std::vector<seed_question> seed_questions;
};

struct event_definition {
    std::string id;
    std::string title;
    std::vector<hall_definition> halls;
    std::vector<session_definition> sessions;

    const hall_definition* find_hall(std::string_view id) const;
    const session_definition* find_session(std::string_view id) const;
};

}  // namespace veche::core
