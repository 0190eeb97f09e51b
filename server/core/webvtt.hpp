#pragma once

#include "core/transcript_segment.hpp"

#include <string>
#include <vector>

namespace veche::core {

// The final transcript as WebVTT: cues in start order, times relative to the
// first line, the speaker as a voice tag, text escaped (& < >). A cue lasts
// at least half a second so a line sent without times still shows.
std::string transcript_webvtt(const std::vector<transcript_segment>& finals_by_time);

}  // namespace veche::core
