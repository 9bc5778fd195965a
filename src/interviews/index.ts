export { InterviewService, InvalidSlotError, SlotTakenError, type BookOutcome, OFFERED_SLOTS, MAX_RESCHEDULES, RESCHEDULE_WINDOW_DAYS, type InterviewDeps, type RescheduleOutcome } from './interview-service.js';
export { InterviewModel, type InterviewRecord, type InterviewStatus } from './interview.model.js';
export { nextSlots, withinOfficeHours, WORKING_HOURS, SLOT_TIMES, SLOT_MINUTES, type SlotQuery } from './slots.js';
export { claimSlot, releaseSlot, takenSlots, type SlotHold } from './slot-claims.js';
