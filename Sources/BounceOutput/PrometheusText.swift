import BounceCore
