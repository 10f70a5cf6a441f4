// ReferralConfig
