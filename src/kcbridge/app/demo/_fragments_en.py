"""English text fragments. Lists are aligned index by index with _fragments_ko and _fragments_zh."""

from __future__ import annotations

PRODUCTS = {
    "ai": [
        "computer-vision models for defect inspection on factory lines",
        "a multilingual conversational AI platform for customer service",
        "AI video analytics for building security and access control",
        "domain-tuned large language models deployed on private infrastructure",
    ],
    "robotics": [
        "autonomous mobile robots for warehouses and hospitals",
        "collaborative robot arms for small-batch assembly",
        "service robots for restaurants, hotels and public buildings",
        "robot fleet-management software and simulation tools",
    ],
    "humanoid_robots": [
        "dexterous humanoid robot hands with electronic-skin tactile sensors",
        "full-size humanoid robot bodies for research and factory pilots",
        "whole-body control software and teleoperation kits for humanoid robots",
        "embodied-AI training data collected from human demonstrations",
    ],
    "robot_components": [
        "harmonic reducers and precision planetary gearboxes for robot joints",
        "frameless servo motors and integrated joint modules",
        "flexible tactile sensor arrays for robot grippers and fingertips",
        "six-axis force/torque sensors and motor drivers",
    ],
    "big_data": [
        "a data platform that unifies manufacturing, sales and logistics data",
        "data labelling and curation services for AI training sets",
        "consumer-behaviour analytics built on anonymised payment and mobility data",
        "open-data portals and analytics dashboards for the public sector",
    ],
    "cloud": [
        "cloud managed services covering migration, operations and cost optimisation on public clouds",
        "a multi-cloud management console and FinOps tools",
        "SaaS office software with documents, spreadsheets and collaboration for enterprises and schools",
        "cloud-native platforms (Kubernetes, DevOps) for enterprise IT teams",
    ],
    "iot_5g": [
        "private 5G network equipment for factories and ports",
        "low-power IoT modules and sensor gateways",
        "an IoT device-management platform for smart buildings",
        "V2X communication units for connected vehicles",
    ],
    "semiconductors": [
        "AI accelerator chips for edge devices",
        "SiC and GaN power semiconductors for EV chargers and inverters",
        "process parts and consumables for wafer fabs",
        "semiconductor test sockets and probe cards",
    ],
    "display": [
        "micro-LED display modules for wearables and signage",
        "OLED materials and inspection equipment",
        "transparent and flexible display panels",
        "optical modules and micro-displays for AR/VR",
    ],
    "hydrogen": [
        "hydrogen compressors for refuelling stations",
        "PEM electrolysers for green hydrogen production",
        "fuel-cell stacks for commercial vehicles and forklifts",
        "high-pressure hydrogen storage tanks and valves",
    ],
    "batteries_mobility": [
        "cathode and anode materials for lithium-ion batteries",
        "battery management systems and battery-swapping stations",
        "electric two-wheelers and shared micro-mobility services",
        "battery recycling and second-life energy-storage products",
    ],
    "bio_healthcare": [
        "antibody drug candidates in preclinical and phase 1 trials",
        "contract development and manufacturing (CDMO) of biologics",
        "AI-assisted drug discovery platforms",
        "microbiome-based health supplements",
    ],
    "medical_devices": [
        "portable ultrasound devices",
        "AI reading software for chest X-ray and CT images",
        "wearable ECG patches and remote patient monitoring",
        "rehabilitation robots and exoskeletons",
    ],
    "fintech": [
        "cross-border payment and settlement services for SMEs",
        "credit-scoring models using alternative data",
        "digital identity and remote customer verification (eKYC)",
        "trade-finance platforms for exporters",
    ],
    "content_media": [
        "drama and documentary co-production",
        "webtoon and animation IP development",
        "virtual-human hosts and live-commerce video production",
        "subtitling and dubbing services with AI voice",
    ],
    "games": [
        "mobile RPG and casual games",
        "live operations, localisation and publishing for mobile games",
        "indie games for PC and consoles",
        "e-sports event production and broadcasting",
    ],
    "smart_manufacturing": [
        "MES and digital-twin software for discrete manufacturing",
        "machine-vision inspection systems for electronics assembly",
        "predictive-maintenance sensors and analytics for machine tools",
        "automated production lines for battery and electronics plants",
    ],
    "carbon_neutral_energy": [
        "energy-management systems for factories and buildings",
        "solar and energy-storage projects for industrial parks",
        "carbon accounting and ESG reporting software",
        "heat pumps and waste-heat recovery equipment",
    ],
    "ecommerce": [
        "cross-border online storefronts and fulfilment",
        "live-commerce platforms and influencer marketing",
        "B2B sourcing marketplaces for industrial parts",
        "e-commerce operations for consumer brands",
    ],
    "edtech": [
        "AI tutoring apps for mathematics and languages",
        "coding and robotics education kits",
        "Korean and Chinese language-learning platforms",
        "a learning-management system for universities and corporate training",
    ],
    "agritech": [
        "smart-farm control systems for greenhouses",
        "vertical farms and plant factories",
        "crop-monitoring drones and agricultural data services",
        "functional food ingredients made by fermentation",
    ],
    "cosmetics_consumer": [
        "K-beauty skincare and make-up brands",
        "OEM/ODM cosmetics manufacturing",
        "functional health foods and personal-care products",
        "premium pet-care products",
    ],
    "logistics": [
        "cross-border logistics and bonded-warehouse services",
        "warehouse automation and logistics-robot integration",
        "cold-chain logistics with temperature tracking",
        "freight-forwarding and customs-clearance platforms",
    ],
    "data_centre": [
        "modular data-centre construction and operation",
        "liquid-cooling systems for AI server racks",
        "colocation and GPU cloud capacity",
        "energy-efficiency and monitoring software for data centres",
    ],
    "cybersecurity": [
        "zero-trust network access and endpoint security",
        "managed security operations centre (SOC) services",
        "cloud security posture management",
        "security for industrial control systems and connected cars",
    ],
    "materials_chemicals": [
        "specialty chemicals for semiconductor processes",
        "carbon-fibre composites for vehicles and drones",
        "biodegradable plastics and packaging materials",
        "high-purity metal powders for 3D printing",
    ],
    "smart_city": [
        "smart traffic-signal and parking systems",
        "digital-twin city platforms",
        "smart street lighting and environmental sensors",
        "integrated platforms for public safety and city operations",
    ],
    "aerospace_drones": [
        "industrial inspection drones",
        "drone delivery systems and flight-control software",
        "small-satellite components and ground stations",
        "urban air mobility (UAM) components and test services",
    ],
}

OFFERS = {
    "ai": [
        "pre-trained vision models that can be fine-tuned on a partner's data within weeks",
        "on-premise deployment with Korean, Chinese and English support",
        "joint proof-of-concept projects without licence fees for the first three months",
    ],
    "robotics": [
        "robots for pilot deployments with on-site engineering support",
        "an open SDK and fleet-management API for integrators",
        "joint development of customised robot models",
    ],
    "humanoid_robots": [
        "humanoid platforms and hands for joint tests on real production lines",
        "tactile and motion datasets for embodied-AI training",
        "licences for hand and control technology to manufacturers",
    ],
    "robot_components": [
        "volume supply of joint components with short lead times",
        "custom reducer and motor designs for new robot models",
        "test data and reliability reports for OEM customers",
    ],
    "big_data": [
        "ready-made data pipelines and dashboards",
        "labelled datasets in Korean and Chinese",
        "data-analysis consulting for market entry",
    ],
    "cloud": [
        "migration and 24/7 operations support in Korean, Chinese and English",
        "reseller terms and technical training for partners",
        "free trial licences for pilot customers",
    ],
    "iot_5g": [
        "reference designs and development kits",
        "network design and installation support",
        "modules certified for the Korean and Chinese markets",
    ],
    "semiconductors": [
        "engineering samples and design-in support",
        "foundry-ready IP blocks",
        "local technical support for fab customers",
    ],
    "display": [
        "samples and co-development for new form factors",
        "inspection know-how for panel makers",
        "small-lot production for prototypes",
    ],
    "hydrogen": [
        "demonstration units and performance data",
        "licences for local production",
        "engineering support for refuelling-station projects",
    ],
    "batteries_mobility": [
        "material samples and joint qualification",
        "battery-swapping technology for fleet operators",
        "co-investment in local production",
    ],
    "bio_healthcare": [
        "licensing and co-development rights for Asian markets",
        "GMP production capacity",
        "clinical data and regulatory dossiers",
    ],
    "medical_devices": [
        "certified devices with clinical evidence",
        "OEM supply for hospital distributors",
        "data for joint clinical studies",
    ],
    "fintech": [
        "API-based payment and settlement integration",
        "compliance know-how for cross-border transactions",
        "white-label apps for banks",
    ],
    "content_media": [
        "co-production and format rights",
        "IP licences for merchandise and games",
        "production teams in Seoul and Shanghai",
    ],
    "games": [
        "publishing rights for the partner's market",
        "localisation and live-operations teams",
        "co-development of new titles",
    ],
    "smart_manufacturing": [
        "turnkey smart-factory projects",
        "pilot installations with measurable KPIs",
        "training for plant engineers",
    ],
    "carbon_neutral_energy": [
        "energy audits and shared-savings contracts",
        "carbon data for export rules such as CBAM",
        "project development and financing support",
    ],
    "ecommerce": [
        "store set-up and operation on the major marketplaces",
        "warehouse and fulfilment capacity",
        "data on consumer trends",
    ],
    "edtech": [
        "content licences and white-label apps",
        "teacher-training programmes",
        "learning analytics for schools",
    ],
    "agritech": [
        "turnkey smart-farm packages",
        "crop data and growing recipes",
        "demonstration farms open to visitors",
    ],
    "cosmetics_consumer": [
        "finished products for distribution and private-label manufacturing",
        "formulation and registration support",
        "brand content for social commerce",
    ],
    "logistics": [
        "bonded-warehouse space and customs clearance",
        "door-to-door delivery between Korea and China",
        "integration of logistics robots",
    ],
    "data_centre": [
        "rack space and GPU capacity",
        "cooling retrofits with guaranteed PUE targets",
        "design and operations consulting",
    ],
    "cybersecurity": [
        "managed security services from a local SOC",
        "penetration tests and compliance audits",
        "a partner programme for system integrators",
    ],
    "materials_chemicals": [
        "samples and joint qualification with customers",
        "custom synthesis and small-batch production",
        "technical data for certification",
    ],
    "smart_city": [
        "pilot projects with city governments",
        "an open platform and APIs for partners",
        "operation and maintenance services",
    ],
    "aerospace_drones": [
        "drones and pilots for demonstration flights",
        "flight-control software licences",
        "test and certification support",
    ],
}

SEEKS = {
    "ai": [
        "manufacturers in {other} willing to pilot vision inspection on their lines",
        "system integrators and resellers in {other}",
        "partners for annotated image data and compute",
    ],
    "robotics": [
        "distributors and system integrators in {other}",
        "a contract manufacturer for volume production",
        "pilot sites in hospitals, logistics centres or factories",
    ],
    "humanoid_robots": [
        "a manufacturing partner in {other} for robot hands and bodies",
        "pilot sites in automotive or electronics factories",
        "suppliers of core components such as reducers, motors and tactile sensors",
    ],
    "robot_components": [
        "robot makers in {other} to qualify our components",
        "joint R&D partners for next-generation joints",
        "distributors for the {other} market",
    ],
    "big_data": [
        "data partners and enterprise customers in {other}",
        "cloud partners for local data hosting",
        "a local partner who knows the data-export rules",
    ],
    "cloud": [
        "enterprise customers expanding into {other}",
        "a cloud provider in {other} to partner with",
        "reseller and MSP partners",
    ],
    "iot_5g": [
        "telecom operators and integrators in {other}",
        "pilot sites in factories and ports",
        "a contract manufacturer for modules",
    ],
    "semiconductors": [
        "fabless and system customers in {other}",
        "foundry and packaging partners",
        "strategic investors",
    ],
    "display": [
        "panel makers and device brands in {other}",
        "a partner for mass production",
        "joint R&D partners",
    ],
    "hydrogen": [
        "refuelling-station operators and vehicle makers in {other}",
        "a local manufacturing partner for key parts",
        "demonstration projects in industrial parks",
    ],
    "batteries_mobility": [
        "battery cell makers in {other}",
        "fleet operators for pilot deployment",
        "a joint-venture partner for local production",
    ],
    "bio_healthcare": [
        "a licensing partner in {other}",
        "CRO partners for clinical trials in {other}",
        "investors for the next clinical stage",
    ],
    "medical_devices": [
        "hospital distributors in {other}",
        "clinical partners for local approval",
        "a regulatory consultant for registration",
    ],
    "fintech": [
        "banks and payment companies in {other}",
        "exporting SMEs as pilot customers",
        "a licensed local partner",
    ],
    "content_media": [
        "co-producers and broadcasters in {other}",
        "distribution platforms",
        "investors and pre-sales buyers",
    ],
    "games": [
        "publishers in {other}",
        "investors for the next title",
        "a local partner for licensing and approvals",
    ],
    "smart_manufacturing": [
        "manufacturers in {other} ready to host pilot lines",
        "system integrators",
        "a local service partner",
    ],
    "carbon_neutral_energy": [
        "industrial parks and factories in {other}",
        "project investors",
        "local EPC partners",
    ],
    "ecommerce": [
        "brands that want to sell in {other}",
        "logistics partners",
        "marketplace partners",
    ],
    "edtech": [
        "schools and education companies in {other}",
        "content partners",
        "distributors",
    ],
    "agritech": [
        "farm operators and local governments in {other}",
        "distributors",
        "investors for demonstration farms",
    ],
    "cosmetics_consumer": [
        "distributors and retail chains in {other}",
        "cross-border e-commerce partners",
        "an OEM/ODM partner",
    ],
    "logistics": [
        "exporters and e-commerce sellers",
        "warehouse partners in {other}",
        "freight partners",
    ],
    "data_centre": [
        "tenants and GPU-cloud customers",
        "sites with power capacity in {other}",
        "investors",
    ],
    "cybersecurity": [
        "enterprise customers in {other}",
        "resellers and integrators",
        "certification partners",
    ],
    "materials_chemicals": [
        "manufacturers in {other} to qualify our materials",
        "a local production partner",
        "joint R&D with research institutes",
    ],
    "smart_city": [
        "city governments and developers in {other}",
        "system integrators",
        "pilot districts",
    ],
    "aerospace_drones": [
        "inspection customers in {other} such as utilities, plants and ports",
        "manufacturing partners",
        "test sites and airspace for trials",
    ],
}

METRICS = {
    "ai": "{n} enterprise deployments",
    "robotics": "{n} robots deployed at customer sites",
    "humanoid_robots": "{n} robot hands and bodies delivered",
    "robot_components": "{n} joint components shipped last year",
    "big_data": "{n} TB of data processed every month",
    "cloud": "{n} enterprise workloads under management",
    "iot_5g": "{n} connected devices in operation",
    "semiconductors": "{n} design wins",
    "display": "{n} panel and device makers as customers",
    "hydrogen": "equipment at {n} refuelling stations and plants",
    "batteries_mobility": "{n} tonnes of annual production capacity",
    "bio_healthcare": "{n} candidates in the pipeline",
    "medical_devices": "devices installed in {n} hospitals",
    "fintech": "{n} SMEs using the service",
    "content_media": "{n} titles produced",
    "games": "{n} monthly active players",
    "smart_manufacturing": "{n} factories running its systems",
    "carbon_neutral_energy": "{n} MW of projects built or managed",
    "ecommerce": "{n} brands served",
    "edtech": "{n} learners every month",
    "agritech": "{n} smart-farm sites built",
    "cosmetics_consumer": "{n} products on sale",
    "logistics": "{n} TEU handled every month",
    "data_centre": "{n} MW of IT capacity",
    "cybersecurity": "{n} organisations protected",
    "materials_chemicals": "{n} tonnes of annual production capacity",
    "smart_city": "projects in {n} cities",
    "aerospace_drones": "{n} drones delivered",
}
