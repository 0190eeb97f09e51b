#pragma once
// Plays one pre-encoded slate segment over and over as if it were a live
// stream: every copy has its PTS, DTS and PCR moved on by the slate's length
// and its continuity counters carried on, so a run of slate segments needs a
// discontinuity only where it starts and where it ends, not between copies.

#include <array>
#include <cstdint>
#include <memory>
#include <string>

namespace veche::media {

class slate_loop {
public:
    // slate: whole 188-byte MPEG-TS packets whose timestamps start near zero; duration_90k: its length.
    slate_loop(std::shared_ptr<const std::string> slate, std::int64_t duration_90k);

    // The next copy.
    std::shared_ptr<const std::string> next();

    double duration_s() const { return static_cast<double>(duration_90k_) / 90000.0; }

private:
    std::shared_ptr<const std::string> slate_;
    std::int64_t duration_90k_;
    std::uint64_t copies_ = 0;
    std::array<std::uint8_t, 8192> next_cc_{};  // per PID
};

}  // namespace veche::media
