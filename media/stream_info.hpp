#pragma once
// What a player must know of a rung before it picks it (the multivariant
// playlist's RESOLUTION, CODECS and FRAME-RATE), read from one of its
// segments: the H.264 sequence parameter set and the AAC (ADTS) header, as the
// contract asks, not what the config says the rung should be.

#include <string>
#include <string_view>

namespace veche::media {

struct stream_info {
    int width = 0;  // 0: no video
    int height = 0;
    double frame_rate = 0;    // 0: unknown
    std::string video_codec;  // RFC 6381: avc1.PPCCLL
    std::string audio_codec;  // mp4a.40.2 (AAC-LC), mp4a.40.5 (HE-AAC), mp4a.40.34 (MP3); empty: no audio

    bool has_video() const { return !video_codec.empty(); }
    bool empty() const { return video_codec.empty() && audio_codec.empty(); }
    // The CODECS attribute: the video's and the audio's, comma-separated.
    std::string codecs() const;
};

// Reads an MPEG-TS segment (whole 188-byte packets); what it cannot find stays empty.
stream_info inspect_segment(std::string_view ts);

}  // namespace veche::media
