#pragma once

#include "common/metrics_registry.hpp"

namespace veche::hub {

// The hub's figures in /metrics, created once and shared by every room.
struct hub_metrics {
    explicit hub_metrics(metrics_registry& r)
        : rooms(r.make_gauge("veche_hub_rooms", "Rooms (forum sessions)")),
          subscribers(r.make_gauge("veche_hub_subscribers", "Subscriptions to rooms")),
          commands(r.make_counter("veche_hub_commands_total", "Commands applied by rooms")),
          refusals(r.make_counter("veche_hub_refusals_total", "Commands refused by rooms")),
          rate_limited(r.make_counter("veche_hub_rate_limited_total", "Asks and votes refused by a rate limit")),
          events(r.make_counter("veche_hub_events_total", "Events published (after coalescing)")),
          frames(r.make_counter("veche_hub_frames_built_total", "Frames serialized for an audience")),
          deliveries(r.make_counter("veche_hub_deliveries_total", "Frames handed to connections")),
          items_delivered(r.make_counter("veche_hub_items_delivered_total",
                                         "Messages delivered to connections, counting each batch item")),
          reactions(r.make_counter("veche_hub_reactions_total", "Reactions counted")),
          reactions_dropped(r.make_counter("veche_hub_reactions_dropped_total",
                                           "Reactions dropped (rate limit, role or session scope)")),
          snapshots(r.make_counter("veche_hub_snapshots_total", "Snapshots sent on subscribe")),
          publish_deferrals(r.make_counter("veche_hub_publish_deferrals_total",
                                           "Ticks held back because the sockets were still draining")),
          replays(r.make_counter("veche_hub_replays_total", "Subscriptions resumed from the replay buffer")),
          similar_requests(r.make_counter("veche_similar_requests_total", "similar requests answered or refused")),
          similar_seconds(r.make_histogram("veche_similar_seconds",
                                           "Time a room took to find the questions similar to a text",
                                           {0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25})),
          merges(r.make_counter("veche_questions_merged_total", "Questions merged into another")),
          replies(r.make_counter("veche_replies_total", "Written replies given or replaced")) {}

    gauge& rooms;
    gauge& subscribers;
    counter& commands;
    counter& refusals;
    counter& rate_limited;
    counter& events;
    counter& frames;
    counter& deliveries;
    counter& items_delivered;
    counter& reactions;
    counter& reactions_dropped;
    counter& snapshots;
    counter& publish_deferrals;
    counter& replays;
    counter& similar_requests;
    histogram& similar_seconds;
    counter& merges;
    counter& replies;
};

}  // namespace veche::hub
