#include "media/ladder_probes.hpp"

#include "media/gst_support.hpp"
#include "media/ladder_description.hpp"

#include <gst/video/video-event.h>

#include <chrono>
#include <deque>
#include <mutex>

namespace veche::media {

namespace {

constexpr std::size_t remembered_keyframes = 32;
constexpr GstClockTime clock_jump = GST_SECOND;

std::uint64_t steady_ns() {
    return static_cast<std::uint64_t>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count());
}

}  // namespace

struct ladder_probes::state {
    struct rung {
        std::atomic<bool> active{false};
        std::atomic<std::uint64_t> frames{0};
        std::atomic<std::uint64_t> encode_ns{0};
        std::atomic<std::uint64_t> dropped{0};
        GstClockTime last_forced = GST_CLOCK_TIME_NONE;  // the encoder's streaming thread only
        std::mutex timing_mutex;
        std::deque<std::pair<GstClockTime, std::uint64_t>> entered;  // pts → when it reached the encoder
        element_ptr size;                                            // the capsfilter after the scaler
    };

    std::vector<core::rung_definition> ladder;
    plan_handler on_plan;
    std::vector<std::unique_ptr<rung>> rungs;
    std::mutex mutex;  // guards keyframes and plan
    std::deque<GstClockTime> keyframes;
    ladder_plan plan;

    void source_caps(GstCaps* caps) {
        const GstStructure* s = gst_caps_get_structure(caps, 0);
        picture_size size;
        if (!s || !gst_structure_get_int(s, "width", &size.width) || !gst_structure_get_int(s, "height", &size.height))
            return;
        if (!gst_structure_get_fraction(s, "pixel-aspect-ratio", &size.par_n, &size.par_d) || size.par_d == 0)
            size.par_n = size.par_d = 1;
        auto next = plan_ladder(ladder, size);
        {
            std::lock_guard lock(mutex);
            if (next == plan) return;
            plan = next;
        }
        for (std::size_t i = 0; i < rungs.size(); ++i) {
            auto& r = *rungs[i];
            const bool encoded = next.roles[i] == rung_role::encoded;
            if (encoded && r.size) {
                GstCaps* sized = gst_caps_new_simple("video/x-raw", "width", G_TYPE_INT, next.widths[i], "height",
                                                     G_TYPE_INT, ladder[i].height, "pixel-aspect-ratio",
                                                     GST_TYPE_FRACTION, 1, 1, nullptr);
                g_object_set(r.size.get(), "caps", sized, nullptr);
                gst_caps_unref(sized);
            }
            r.active = encoded;
        }
        on_plan(next);
    }

    void source_keyframe(GstClockTime pts) {
        std::lock_guard lock(mutex);
        keyframes.push_back(pts);
        if (keyframes.size() > remembered_keyframes) keyframes.pop_front();
    }

    // The latest keyframe of the source past the last one forced and not after this picture.
    bool keyframe_due(rung& r, GstClockTime pts) {
        // A picture far before the last one forced: the source started a new clock.
        if (GST_CLOCK_TIME_IS_VALID(r.last_forced) && pts + clock_jump < r.last_forced)
            r.last_forced = GST_CLOCK_TIME_NONE;
        std::lock_guard lock(mutex);
        bool due = false;
        for (const auto k : keyframes)
            if ((!GST_CLOCK_TIME_IS_VALID(r.last_forced) || k > r.last_forced) && k <= pts) {
                r.last_forced = k;
                due = true;
            }
        return due;
    }
};

namespace {

struct probe_target {
    std::shared_ptr<ladder_probes::state> state;
    std::size_t rung;
};

void free_target(gpointer data) { delete static_cast<probe_target*>(data); }
void free_target_closure(gpointer data, GClosure*) { free_target(data); }

GstPadProbeReturn on_source_video(GstPad*, GstPadProbeInfo* info, gpointer data) {
    auto& st = *static_cast<probe_target*>(data)->state;
    if (info->type & GST_PAD_PROBE_TYPE_BUFFER) {
        GstBuffer* buffer = GST_PAD_PROBE_INFO_BUFFER(info);
        if (!GST_BUFFER_FLAG_IS_SET(buffer, GST_BUFFER_FLAG_DELTA_UNIT) && GST_BUFFER_PTS_IS_VALID(buffer))
            st.source_keyframe(GST_BUFFER_PTS(buffer));
    } else if (GstEvent* event = GST_PAD_PROBE_INFO_EVENT(info); event && GST_EVENT_TYPE(event) == GST_EVENT_CAPS) {
        GstCaps* caps = nullptr;
        gst_event_parse_caps(event, &caps);
        if (caps) st.source_caps(caps);
    }
    return GST_PAD_PROBE_OK;
}

// Only what an encoded rung needs goes on to be decoded and scaled.
GstPadProbeReturn on_decode_input(GstPad*, GstPadProbeInfo*, gpointer data) {
    for (const auto& r : static_cast<probe_target*>(data)->state->rungs)
        if (r->active) return GST_PAD_PROBE_OK;
    return GST_PAD_PROBE_DROP;
}

GstPadProbeReturn on_rung_input(GstPad*, GstPadProbeInfo*, gpointer data) {
    const auto* t = static_cast<probe_target*>(data);
    return t->state->rungs[t->rung]->active ? GST_PAD_PROBE_OK : GST_PAD_PROBE_DROP;
}

GstPadProbeReturn on_encoder_input(GstPad* pad, GstPadProbeInfo* info, gpointer data) {
    const auto* t = static_cast<probe_target*>(data);
    auto& r = *t->state->rungs[t->rung];
    GstBuffer* buffer = GST_PAD_PROBE_INFO_BUFFER(info);
    if (!GST_BUFFER_PTS_IS_VALID(buffer)) return GST_PAD_PROBE_OK;
    const auto pts = GST_BUFFER_PTS(buffer);
    if (t->state->keyframe_due(r, pts))
        // Sent into the encoder ahead of this picture, on the picture's own thread: it applies to this picture.
        gst_pad_send_event(pad, gst_video_event_new_downstream_force_key_unit(GST_CLOCK_TIME_NONE, GST_CLOCK_TIME_NONE,
                                                                              GST_CLOCK_TIME_NONE, TRUE, 0));
    std::lock_guard lock(r.timing_mutex);
    r.entered.emplace_back(pts, steady_ns());
    if (r.entered.size() > 64) r.entered.pop_front();
    return GST_PAD_PROBE_OK;
}

GstPadProbeReturn on_encoder_output(GstPad*, GstPadProbeInfo* info, gpointer data) {
    const auto* t = static_cast<probe_target*>(data);
    auto& r = *t->state->rungs[t->rung];
    GstBuffer* buffer = GST_PAD_PROBE_INFO_BUFFER(info);
    if (!GST_BUFFER_PTS_IS_VALID(buffer)) return GST_PAD_PROBE_OK;
    const auto pts = GST_BUFFER_PTS(buffer);
    std::uint64_t entered = 0;
    {
        std::lock_guard lock(r.timing_mutex);
        while (!r.entered.empty() && r.entered.front().first <= pts) {
            entered = r.entered.front().second;
            r.entered.pop_front();
        }
    }
    ++r.frames;
    if (entered > 0) r.encode_ns += steady_ns() - entered;
    return GST_PAD_PROBE_OK;
}

void on_rung_overrun(GstElement*, gpointer data) {
    const auto* t = static_cast<probe_target*>(data);
    ++t->state->rungs[t->rung]->dropped;
}

// A picture dropped before the decoder is lost to every rung.
void on_decode_overrun(GstElement*, gpointer data) {
    for (const auto& r : static_cast<probe_target*>(data)->state->rungs)
        if (r->active) ++r->dropped;
}

void add_probe(GstElement* element, const char* pad_name, GstPadProbeType type, GstPadProbeCallback fn,
               const std::shared_ptr<ladder_probes::state>& state, std::size_t rung) {
    GstPad* pad = gst_element_get_static_pad(element, pad_name);
    if (!pad) return;
    gst_pad_add_probe(pad, type, fn, new probe_target{state, rung}, free_target);
    gst_object_unref(pad);
}

void on_overrun(GstElement* queue, void (*fn)(GstElement*, gpointer), const std::shared_ptr<ladder_probes::state>& state,
                std::size_t rung) {
    g_signal_connect_data(queue, "overrun", G_CALLBACK(fn), new probe_target{state, rung}, free_target_closure,
                          GConnectFlags{});
}

}  // namespace

ladder_probes::ladder_probes(std::vector<core::rung_definition> ladder, plan_handler on_plan)
    : state_(std::make_shared<state>()) {
    state_->ladder = std::move(ladder);
    state_->on_plan = std::move(on_plan);
    for (std::size_t i = 0; i < state_->ladder.size(); ++i) state_->rungs.push_back(std::make_unique<state::rung>());
}

ladder_probes::~ladder_probes() = default;

void ladder_probes::attach(GstElement* pipeline) {
    GstBin* bin = GST_BIN(pipeline);
    element_ptr tee(gst_bin_get_by_name(bin, "vtee"));
    if (!tee) return;
    add_probe(tee.get(), "sink",
              static_cast<GstPadProbeType>(GST_PAD_PROBE_TYPE_BUFFER | GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM),
              on_source_video, state_, 0);
    if (element_ptr decode(gst_bin_get_by_name(bin, "decode_queue")); decode) {
        add_probe(decode.get(), "sink", GST_PAD_PROBE_TYPE_BUFFER, on_decode_input, state_, 0);
        on_overrun(decode.get(), on_decode_overrun, state_, 0);
    }
    for (std::size_t i = 0; i < state_->rungs.size(); ++i) {
        auto& r = *state_->rungs[i];
        if (element_ptr queue(gst_bin_get_by_name(bin, rung_element(i, "queue").c_str())); queue) {
            add_probe(queue.get(), "sink", GST_PAD_PROBE_TYPE_BUFFER, on_rung_input, state_, i);
            on_overrun(queue.get(), on_rung_overrun, state_, i);
        }
        if (element_ptr encoder(gst_bin_get_by_name(bin, rung_element(i, "encoder").c_str())); encoder) {
            add_probe(encoder.get(), "sink", GST_PAD_PROBE_TYPE_BUFFER, on_encoder_input, state_, i);
            add_probe(encoder.get(), "src", GST_PAD_PROBE_TYPE_BUFFER, on_encoder_output, state_, i);
        }
        r.size.reset(gst_bin_get_by_name(bin, rung_element(i, "size").c_str()));
    }
}

ladder_probes::totals ladder_probes::figures(std::size_t rung) const {
    const auto& r = *state_->rungs.at(rung);
    return {r.frames.load(), r.encode_ns.load(), r.dropped.load()};
}

}  // namespace veche::media
