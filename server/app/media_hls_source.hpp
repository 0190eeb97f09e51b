#pragma once

#include "media/media_service.hpp"
#include "net/hls_source.hpp"

namespace veche::app {

// The HLS routes' view of the media service.
class media_hls_source : public net::hls_source {
public:
    explicit media_hls_source(const media::media_service& media) : media_(media) {}

    bytes master(std::string_view hall) const override { return media_.master(hall); }
    bytes playlist(std::string_view hall, std::string_view rung) const override { return media_.playlist(hall, rung); }
    bytes segment(std::string_view hall, std::string_view rung, std::string_view name) const override {
        return media_.segment(hall, rung, name);
    }

private:
    const media::media_service& media_;
};

}  // namespace veche::app
