#pragma once

#include "core/replay_clock.hpp"
#include "core/transcript_segment.hpp"

#include <string>
#include <vector>

namespace veche::core {

// The final transcript as WebVTT: cues in start order, times relative to the
// first line, the speaker as a voice tag, text escaped (& < >). A cue lasts
// at least half a second so a line sent without times still shows.
std::string transcript_webvtt(const std::vector<transcript_segment>& finals_by_time);

// The same on the replay's clock (`transcript.vtt?clock=program`): a cue starts where its line's start_ms
// falls in the replay and ends where its end_ms does, so a player shows it with the video. Lines that ended
// before the replay's first segment or start after its last one ends are left out.
std::string transcript_webvtt(const std::vector<transcript_segment>& finals_by_time, const replay_clock& clock);

}  // namespace veche::core
