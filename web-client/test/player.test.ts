import { describe, expect, it } from 'vitest';
import { motionWatch, STALL_MS } from '../src/lib/player';

describe('watching the video', () => {
  it('counts a playing video whose picture moves, not a paused, starved or frozen one', () => {
    const video = { paused: false, ended: false, readyState: 4, currentTime: 10 } as HTMLVideoElement;
    let now = 0;
    const watching = motionWatch(video, () => now);
    expect(watching()).toBe(true);
    now += 500;
    video.currentTime = 10.5;
    expect(watching()).toBe(true);
    // frozen: the stream stalled while "playing"
    now += STALL_MS;
    expect(watching()).toBe(false);
    now += 100;
    video.currentTime = 10.6;
    expect(watching()).toBe(true);
    Object.assign(video, { paused: true });
    expect(watching()).toBe(false);
    Object.assign(video, { paused: false, readyState: 2 });
    expect(watching()).toBe(false);
  });
});
