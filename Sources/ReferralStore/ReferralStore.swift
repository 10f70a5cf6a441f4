// ReferralStore
